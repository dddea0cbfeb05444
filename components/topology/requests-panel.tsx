'use client';
// Recent requests of a service or service network, read from its access logs: time, method,
// path, status, caller, source VPC and target group. A denied request offers "Why?", which asks
// the access analysis the logged request's question and draws its deciding step on the canvas.

import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { RequestCount } from '@/components/canvas/request-counts-context';
import type { RequestRow, RequestsResponse } from '@/lib/aws/access-log-records';
import type { Topology } from '@/lib/topology';
import type { AccessQuestion } from '@/components/access/question';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { ApiError } from './api';

async function fetchRequests(resource: string, deniedOnly: boolean): Promise<RequestsResponse> {
  const response = await fetch(`/api/requests?resource=${encodeURIComponent(resource)}${deniedOnly ? '&denied=1' : ''}`, { cache: 'no-store' });
  const body = (await response.json().catch(() => null)) as (RequestsResponse & { error?: { message?: string } }) | null;
  if (!response.ok || !body) throw new ApiError(body?.error?.message ?? `The console answered HTTP ${response.status}.`, response.status);
  return body;
}

/** Request counts per service for the canvas, read once the topology is in (never before: discovery does not wait on logs). */
export function useRequestCounts(enabled: boolean): ReadonlyMap<string, RequestCount> {
  const query = useQuery({
    queryKey: ['request-counts'],
    enabled,
    retry: false,
    queryFn: async () => {
      const response = await fetch('/api/requests/counts', { cache: 'no-store' });
      if (!response.ok) throw new ApiError(`The console answered HTTP ${response.status}.`, response.status);
      return (await response.json()) as { counts: Record<string, RequestCount> };
    },
  });
  return useMemo(() => new Map(Object.entries(query.data?.counts ?? {})), [query.data]);
}

/** The "Can it call?" question of a denied row, in the ids the access panel offers (VPC and service ids). */
export function questionOfRow(row: RequestRow, topology: Topology): AccessQuestion | null {
  const q = row.question;
  if (!q) return null;
  const vpc = topology.nodes.find((n) => n.kind === 'vpc' && n.id === q.source.vpc);
  const service = topology.nodes.find((n) => n.kind === 'service' && n.id === q.target.service);
  return {
    vpc: vpc?.resourceId ?? row.sourceVpcId ?? q.source.vpc,
    principal: q.source.principal,
    service: service?.resourceId ?? q.target.service,
    method: q.target.method,
    path: q.target.path,
    ...(q.target.port ? { port: q.target.port } : {}),
    headers: {},
  };
}

const short = (arn: string | null) => (arn ? (arn.split('/').pop() ?? arn) : '—');

function statusTone(status: number | null): string {
  if (status === null) return 'text-slate-500';
  if (status >= 500) return 'text-red-700';
  if (status >= 400) return 'text-amber-700';
  return 'text-emerald-700';
}

export function RequestsPanel({ resource, topology, onWhy, onClose }: { resource: string; topology: Topology; onWhy: (q: AccessQuestion) => void; onClose: () => void }) {
  const [deniedOnly, setDeniedOnly] = useState(false);
  const query = useQuery({ queryKey: ['requests', resource, deniedOnly], queryFn: () => fetchRequests(resource, deniedOnly), retry: false });
  const node = topology.nodes.find((n) => n.id === resource);
  const data = query.data;
  const groupName = (id: string | null) => (id ? (topology.nodes.find((n) => n.id === id)?.name ?? short(id)) : '—');
  const vpcName = (arn: string | null, id: string | null) => (arn ? (topology.nodes.find((n) => n.id === arn)?.name ?? id ?? short(arn)) : '—');

  return (
    <section className="flex max-h-[45%] min-h-[14rem] flex-col border-t border-slate-200 bg-white" aria-label="Requests" data-testid="requests-panel">
      <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-2">
        <h2 className="text-[14px] font-semibold text-slate-900">
          Requests <span className="font-normal text-slate-500">· {node?.name ?? resource}</span>
        </h2>
        {data && (
          <span className="text-[11.5px] text-slate-500" data-testid="requests-counts">
            {data.counts.total} in the last hour · {data.counts.clientErrors} 4xx · {data.counts.serverErrors} 5xx{data.truncated ? ' (more than were read)' : ''}
          </span>
        )}
        <label className="ml-auto flex items-center gap-1.5 text-[12px] text-slate-700">
          <input type="checkbox" checked={deniedOnly} onChange={(e) => setDeniedOnly(e.target.checked)} data-testid="requests-denied-only" />
          Denied only
        </label>
        <Button size="sm" onClick={() => void query.refetch()} disabled={query.isFetching} data-testid="requests-reload">
          {query.isFetching ? 'Reading…' : 'Reload'}
        </Button>
        <button type="button" className="text-[12px] text-slate-500 hover:text-slate-900" onClick={onClose} data-testid="requests-close">
          Close
        </button>
      </div>
      <div className="min-h-0 flex-1 overflow-auto">
        {query.isError ? (
          <p className="p-4 text-[12.5px] text-red-700" role="alert">
            {(query.error as Error).message}
          </p>
        ) : !data ? (
          <p className="p-4 text-[12.5px] text-slate-500">Reading the access logs…</p>
        ) : data.logGroups.length === 0 ? (
          <p className="p-4 text-[12.5px] text-slate-500" data-testid="requests-no-logs">
            No access-log subscription of this {node?.kind === 'serviceNetwork' ? 'service network' : 'service'} delivers to CloudWatch Logs, so Trellis has no requests to show.
          </p>
        ) : (
          <table className="min-w-full border-collapse text-left text-[12px]">
            <thead className="sticky top-0 bg-slate-50 text-[10.5px] font-semibold tracking-wide text-slate-500 uppercase">
              <tr>
                {['Time', 'Method', 'Path', 'Status', 'Caller', 'Source VPC', 'Target group', ''].map((h) => (
                  <th key={h} scope="col" className="border-b border-slate-200 px-3 py-1.5">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.requests.length === 0 && (
                <tr>
                  <td colSpan={8} className="px-3 py-6 text-center text-slate-500">
                    No {deniedOnly ? 'denied ' : ''}requests in {data.logGroups.map((g) => g.name).join(', ')} in the last hour.
                  </td>
                </tr>
              )}
              {data.requests.map((r) =>
                r.raw !== undefined ? (
                  <tr key={r.id} data-testid="request-row" data-raw="true">
                    <td className="border-b border-slate-100 px-3 py-1 whitespace-nowrap text-slate-500">{new Date(r.time).toLocaleTimeString()}</td>
                    <td colSpan={7} className="border-b border-slate-100 px-3 py-1 font-mono text-[11px] break-all text-slate-600">
                      {r.raw}
                    </td>
                  </tr>
                ) : (
                  <tr key={r.id} className={cn(r.denied && 'bg-red-50/50')} data-testid="request-row" data-denied={r.denied ? 'true' : 'false'} data-status={r.status ?? ''}>
                    <td className="border-b border-slate-100 px-3 py-1 whitespace-nowrap text-slate-500" title={r.time}>
                      {new Date(r.time).toLocaleTimeString()}
                    </td>
                    <td className="border-b border-slate-100 px-3 py-1 font-mono">{r.method ?? '—'}</td>
                    <td className="max-w-[16rem] truncate border-b border-slate-100 px-3 py-1 font-mono" title={r.path ?? ''}>
                      {r.path ?? '—'}
                    </td>
                    <td className={cn('border-b border-slate-100 px-3 py-1 font-mono font-semibold', statusTone(r.status))} title={r.authDeniedReason ? `Denied by the ${r.authDeniedReason} policy` : (r.failureReason ?? '')}>
                      {r.status ?? '—'}
                      {r.authDeniedReason && <span className="ml-1 font-sans text-[10.5px] font-normal text-red-700">{r.authDeniedReason}</span>}
                    </td>
                    <td className="max-w-[18rem] truncate border-b border-slate-100 px-3 py-1 font-mono text-[11px]" title={r.caller ?? 'anonymous'}>
                      {r.caller ?? <span className="text-slate-400">anonymous</span>}
                    </td>
                    <td className="border-b border-slate-100 px-3 py-1 whitespace-nowrap" title={r.sourceVpcArn ?? ''}>
                      {vpcName(r.sourceVpcArn, r.sourceVpcId)}
                    </td>
                    <td className="border-b border-slate-100 px-3 py-1 whitespace-nowrap" title={r.targetGroupArn ?? ''}>
                      {groupName(r.targetGroupArn)}
                    </td>
                    <td className="border-b border-slate-100 px-3 py-1 text-right">
                      {r.denied && questionOfRow(r, topology) && (
                        <Button size="sm" onClick={() => onWhy(questionOfRow(r, topology)!)} data-testid="request-why">
                          Why?
                        </Button>
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        )}
      </div>
    </section>
  );
}
