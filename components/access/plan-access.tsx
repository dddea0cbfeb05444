'use client';
// What a plan changes in access, read before approving: "This plan lets 3 VPCs reach payments",
// the caller VPC → service pairs that become reachable or unreachable, and what the principals
// named in the policies it touches gain or lose. Computed from the live estate and the plan's
// design as if applied (the engine's desired state).
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useState } from 'react';
import type { AccessPair } from '@/lib/access-server/views';
import { cn } from '@/components/ui/cn';
import { fetchPlanAccess } from './api';

function Pairs({ pairs, tone, testId }: { pairs: AccessPair[]; tone: 'gain' | 'loss'; testId: string }) {
  const [all, setAll] = useState(false);
  const shown = all ? pairs : pairs.slice(0, 8);
  return (
    <ul className="space-y-0.5 text-[12px]" data-testid={testId}>
      {shown.map((p) => (
        <li key={`${p.vpc}|${p.service}`} className="flex items-center gap-1.5" data-testid="access-pair">
          <span className={cn('w-3 text-center font-mono font-bold', tone === 'gain' ? 'text-emerald-600' : 'text-red-600')}>{tone === 'gain' ? '+' : '−'}</span>
          <Link href={`/topology?ask=1&from=${encodeURIComponent(p.vpc.split('/').pop() ?? p.vpc)}&as=anonymous&to=${encodeURIComponent(p.service.split('/').pop() ?? p.service)}&method=GET&path=%2F`} className="font-medium text-slate-800 hover:text-indigo-700">
            {p.vpcName}
          </Link>
          <span className="text-slate-400">→</span>
          <span className="font-medium text-slate-800">{p.serviceName}</span>
        </li>
      ))}
      {pairs.length > 8 && !all && (
        <li>
          <button type="button" className="text-[11.5px] text-indigo-700 hover:underline" onClick={() => setAll(true)}>
            and {pairs.length - 8} more
          </button>
        </li>
      )}
    </ul>
  );
}

export function PlanAccess({ planId, status }: { planId: string; status: string }) {
  const settled = status === 'applied' || status === 'failed';
  const query = useQuery({ queryKey: ['plan-access', planId], queryFn: async () => {
    const r = await fetchPlanAccess(planId);
    if (!r.ok) throw new Error(r.message);
    return r.data;
  }, enabled: !settled, staleTime: 60_000, retry: false });

  if (settled) return null;
  const d = query.data;
  const none = d && !d.reachable.length && !d.unreachable.length && !d.principals.length;
  return (
    <section className="rounded-lg bg-white ring-1 ring-slate-200" data-testid="plan-access" aria-label="Access this plan changes">
      <header className="flex items-center gap-2 border-b border-slate-200 px-4 py-2">
        <h2 className="text-[13px] font-semibold text-slate-900">Access</h2>
        <span className="text-[11.5px] text-slate-500">who can reach and call what, once applied</span>
        {d && d.designVersion !== null && d.designVersion !== d.planVersion && (
          <span className="ml-auto text-[11px] text-amber-700">computed from design version {d.designVersion}; the plan is of version {d.planVersion}</span>
        )}
      </header>
      <div className="px-4 py-3">
        {query.isPending && <p className="text-[12px] text-slate-500">Working out what changes in access…</p>}
        {query.isError && <p className="text-[12px] text-red-700">Could not compute the access changes: {(query.error as Error).message}</p>}
        {none && (
          <p className="text-[12.5px] text-slate-600" data-testid="plan-access-none">
            No caller gains or loses a path or a permission.
          </p>
        )}
        {d && !none && (
          <div className="space-y-3">
            {d.headlines.length > 0 && (
              <ul className="space-y-0.5" data-testid="plan-access-headlines">
                {d.headlines.map((h) => (
                  <li key={h} className="text-[13.5px] font-semibold text-slate-900">
                    {h}
                  </li>
                ))}
              </ul>
            )}
            <div className="grid gap-4 sm:grid-cols-2">
              {d.reachable.length > 0 && (
                <div>
                  <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-emerald-700 uppercase">Become reachable ({d.reachable.length})</h3>
                  <Pairs pairs={d.reachable} tone="gain" testId="plan-access-reachable" />
                </div>
              )}
              {d.unreachable.length > 0 && (
                <div>
                  <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-red-700 uppercase">Become unreachable ({d.unreachable.length})</h3>
                  <Pairs pairs={d.unreachable} tone="loss" testId="plan-access-unreachable" />
                </div>
              )}
            </div>
            {d.principals.length > 0 && (
              <div data-testid="plan-access-principals">
                <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">What callers may newly call, or no longer call (principals named in the policies it touches, and anonymous callers)</h3>
                <ul className="space-y-1.5">
                  {d.principals.map((p) => (
                    <li key={p.principal} className="text-[12px]">
                      <div className="font-mono text-[11.5px] text-slate-800">{p.principal}</div>
                      <div className="text-slate-600">
                        {p.gained.length > 0 && <span className="text-emerald-700">gains {p.gained.length} (e.g. {p.gained[0].vpcName} → {p.gained[0].serviceName})</span>}
                        {p.gained.length > 0 && p.lost.length > 0 && ' · '}
                        {p.lost.length > 0 && <span className="text-red-700">loses {p.lost.length} (e.g. {p.lost[0].vpcName} → {p.lost[0].serviceName})</span>}
                      </div>
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
