'use client';
// Who can call what: for one principal (or anonymous callers) and one request, every caller
// VPC × every service, each cell allowed, denied by auth (which policy) or unreachable (why).
// Rows are services (an estate has far more services than VPCs) and only the rows in view are
// drawn, so a 2,000-service estate scrolls as quickly as the demo. Filters by account and
// service network; CSV export of what the filters show. The question is in the URL.
import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import type { MatrixCell } from '@/lib/access-server/views';
import { Button } from '@/components/ui/button';
import { cn } from '@/components/ui/cn';
import { fetchMatrix, type MatrixResponse } from './api';
import { METHODS } from './question';

const ROW = 30;
const COL = 128;
const NAME_COL = 240;

const VERDICT_STYLE: Record<MatrixCell['verdict'], { text: string; cls: string }> = {
  allow: { text: 'allowed', cls: 'bg-emerald-100 text-emerald-800' },
  auth: { text: 'denied', cls: 'bg-red-100 text-red-800' },
  unreachable: { text: 'no path', cls: 'bg-slate-100 text-slate-500' },
  unrouted: { text: 'not routed', cls: 'bg-amber-100 text-amber-800' },
};

function csvCell(v: string): string {
  return /[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

export function AccessMatrix({ principals, accountNames }: { principals: string[]; accountNames: Record<string, string> }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const q = { principal: params.get('as') && params.get('as') !== 'anonymous' ? params.get('as') : null, method: params.get('method') ?? 'GET', path: params.get('path') ?? '/' };
  const asked = params.has('method');
  const [form, setForm] = useState({ principal: q.principal ?? '', method: q.method, path: q.path });
  const [account, setAccount] = useState('');
  const [network, setNetwork] = useState('');
  const [search, setSearch] = useState('');

  const query = useQuery({
    queryKey: ['access-matrix', q.principal, q.method, q.path],
    queryFn: async () => {
      const r = await fetchMatrix(q);
      if (!r.ok) throw new Error(r.fields.length ? `${r.message}` : r.message);
      return r.data;
    },
    enabled: asked,
    staleTime: 30_000,
    retry: false,
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = new URLSearchParams(params.toString());
    p.set('as', form.principal || 'anonymous');
    p.set('method', form.method);
    p.set('path', form.path || '/');
    router.replace(`${pathname}?${p}`, { scroll: false });
  };

  const data = query.data;
  const view = useMemo(() => (data ? filtered(data, { account, network, search }) : null), [data, account, network, search]);
  const networks = useMemo(() => {
    const m = new Map<string, string>();
    for (const s of data?.services ?? []) for (const sn of s.serviceNetworks) m.set(sn, sn.split('/').pop() ?? sn);
    return [...m.entries()];
  }, [data]);
  const accounts = useMemo(() => [...new Set([...(data?.vpcs ?? []).map((v) => v.account), ...(data?.services ?? []).map((s) => s.account)])].sort(), [data]);

  const exportCsv = () => {
    if (!data || !view) return;
    const rows = [['caller_vpc', 'vpc_id', 'vpc_account', 'service', 'service_id', 'service_account', 'verdict', 'policy_or_link', 'statement', 'why']];
    for (const si of view.services) {
      const s = data.services[si];
      for (const vi of view.vpcs) {
        const v = data.vpcs[vi];
        const c = data.reasons[data.cells[vi][si]];
        rows.push([v.name, v.vpcId, v.account, s.name, s.serviceId, s.account, c.verdict === 'auth' ? 'denied-by-auth' : c.verdict === 'allow' ? 'allowed' : c.verdict, c.resource ?? '', c.statement ?? '', c.why]);
      }
    }
    const blob = new Blob([rows.map((r) => r.map(csvCell).join(',')).join('\n') + '\n'], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `trellis-access-${q.method}-${(q.principal ?? 'anonymous').split('/').pop()}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  };

  const input = 'h-8 rounded-md border-0 bg-white px-2 text-[12.5px] ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-indigo-600 focus:outline-none';
  return (
    <div className="space-y-3" data-testid="access-matrix-page">
      <form onSubmit={submit} className="flex flex-wrap items-end gap-2 rounded-lg bg-white p-3 ring-1 ring-slate-200">
        <label className="flex flex-col text-[11px] font-medium text-slate-600">
          Principal
          <input className={cn(input, 'w-[420px] font-mono text-[11.5px]')} list="matrix-principals" placeholder="anonymous, or arn:aws:iam::ACCOUNT:role/NAME" value={form.principal} onChange={(e) => setForm({ ...form, principal: e.target.value })} data-testid="matrix-principal" />
          <datalist id="matrix-principals">
            <option value="anonymous" />
            {principals.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </label>
        <label className="flex flex-col text-[11px] font-medium text-slate-600">
          Method
          <select className={input} value={form.method} onChange={(e) => setForm({ ...form, method: e.target.value })} data-testid="matrix-method">
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col text-[11px] font-medium text-slate-600">
          Path
          <input className={cn(input, 'w-56 font-mono')} value={form.path} onChange={(e) => setForm({ ...form, path: e.target.value })} data-testid="matrix-path" />
        </label>
        <Button type="submit" variant="primary" data-testid="matrix-ask">
          Show who can call what
        </Button>
      </form>

      {query.isError && (
        <div className="rounded-md bg-red-50 px-3 py-2 text-[12.5px] text-red-800 ring-1 ring-red-200" role="alert">
          {(query.error as Error).message}
        </div>
      )}
      {asked && query.isPending && <p className="text-[12.5px] text-slate-500">Evaluating every caller VPC against every service…</p>}
      {!asked && <p className="text-[12.5px] text-slate-500">Choose a principal (or anonymous) and a request to see, for every caller VPC and every service, whether the call is allowed, denied by an auth policy, or has no network path.</p>}

      {data && view && (
        <>
          <div className="flex flex-wrap items-center gap-2 text-[12px]">
            <select className={input} value={account} onChange={(e) => setAccount(e.target.value)} aria-label="Account" data-testid="matrix-account">
              <option value="">Callers in every account</option>
              {accounts.map((a) => (
                <option key={a} value={a}>
                  {accountNames[a] ?? a} ({a})
                </option>
              ))}
            </select>
            <select className={input} value={network} onChange={(e) => setNetwork(e.target.value)} aria-label="Service network" data-testid="matrix-network">
              <option value="">All service networks</option>
              {networks.map(([arn, id]) => (
                <option key={arn} value={arn}>
                  {id}
                </option>
              ))}
            </select>
            <input className={cn(input, 'w-48')} placeholder="Filter services by name" value={search} onChange={(e) => setSearch(e.target.value)} aria-label="Filter services" />
            <span className="text-slate-500" data-testid="matrix-summary">
              {view.services.length.toLocaleString()} services × {view.vpcs.length} VPCs · <span className="text-emerald-700">{view.counts.allow} allowed</span> · <span className="text-red-700">{view.counts.auth} denied by auth</span> · {view.counts.unreachable} unreachable{view.counts.unrouted ? ` · ${view.counts.unrouted} not routed` : ''} · {data.pairs.toLocaleString()} pairs evaluated in {data.ms} ms
            </span>
            <Button size="sm" className="ml-auto" onClick={exportCsv} data-testid="matrix-csv">
              Export CSV
            </Button>
          </div>
          <Grid data={data} rows={view.services} cols={view.vpcs} q={q} accountNames={accountNames} />
        </>
      )}
    </div>
  );
}

/** Account: the callers (VPCs) of that account. Service network: the services in it and the VPCs connected to it. */
function filtered(data: MatrixResponse, f: { account: string; network: string; search: string }) {
  const vpcs: number[] = [];
  data.vpcs.forEach((v, i) => {
    if (f.account && v.account !== f.account) return;
    if (f.network && !v.serviceNetworks.includes(f.network)) return;
    vpcs.push(i);
  });
  const needle = f.search.trim().toLowerCase();
  const services: number[] = [];
  data.services.forEach((s, i) => {
    if (f.network && !s.serviceNetworks.includes(f.network)) return;
    if (needle && !s.name.toLowerCase().includes(needle)) return;
    services.push(i);
  });
  const counts = { allow: 0, auth: 0, unreachable: 0, unrouted: 0 };
  for (const si of services) for (const vi of vpcs) counts[data.reasons[data.cells[vi][si]].verdict] += 1;
  return { vpcs, services, counts };
}

function Grid({ data, rows, cols, q, accountNames }: { data: MatrixResponse; rows: number[]; cols: number[]; q: { principal: string | null; method: string; path: string }; accountNames: Record<string, string> }) {
  const ref = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const height = 560;
  const first = Math.max(0, Math.floor(top / ROW) - 5);
  const last = Math.min(rows.length, first + Math.ceil(height / ROW) + 10);
  const link = (vi: number, si: number) => {
    const p = new URLSearchParams({ ask: '1', from: data.vpcs[vi].vpcId, as: q.principal ?? 'anonymous', to: data.services[si].serviceId, method: q.method, path: q.path });
    return `/topology?${p}`;
  };
  return (
    <div className="overflow-hidden rounded-lg bg-white ring-1 ring-slate-200" data-testid="matrix-grid" data-rows={rows.length} data-cols={cols.length}>
      <div ref={ref} className="overflow-auto" style={{ height: Math.min(height, ROW * rows.length + 64) }} onScroll={(e) => setTop(e.currentTarget.scrollTop)}>
        <div style={{ width: NAME_COL + cols.length * COL, position: 'relative' }}>
          <div className="sticky top-0 z-20 flex border-b border-slate-200 bg-slate-50" style={{ height: 56 }}>
            <div className="sticky left-0 z-30 flex items-end bg-slate-50 px-3 pb-1.5 text-[11px] font-semibold text-slate-600" style={{ width: NAME_COL, minWidth: NAME_COL }}>
              Service ↓ · caller VPC →
            </div>
            {cols.map((vi) => (
              <div key={vi} className="flex flex-col justify-end px-1.5 pb-1.5 text-[11px]" style={{ width: COL, minWidth: COL }} title={`${data.vpcs[vi].vpcId} · ${data.vpcs[vi].account}`}>
                <span className="truncate font-semibold text-slate-800">{data.vpcs[vi].name}</span>
                <span className="truncate text-[10px] text-slate-500">{accountNames[data.vpcs[vi].account] ?? data.vpcs[vi].account}</span>
              </div>
            ))}
          </div>
          <div style={{ height: rows.length * ROW, position: 'relative' }}>
            {rows.slice(first, last).map((si, k) => {
              const s = data.services[si];
              return (
                <div key={si} className="absolute flex border-b border-slate-100" style={{ top: (first + k) * ROW, height: ROW }} data-testid="matrix-row" data-service={s.name}>
                  <div className="sticky left-0 z-10 flex items-center gap-1.5 bg-white px-3 text-[12px]" style={{ width: NAME_COL, minWidth: NAME_COL }}>
                    <span className="truncate font-medium text-slate-800">{s.name}</span>
                    <span className="truncate text-[10.5px] text-slate-400">{accountNames[s.account] ?? s.account}</span>
                  </div>
                  {cols.map((vi) => {
                    const c = data.reasons[data.cells[vi][si]];
                    const st = VERDICT_STYLE[c.verdict];
                    const policy = c.label ?? (c.resource ? (c.resource.split('/').pop() ?? c.resource) : '');
                    return (
                      <Link key={vi} href={link(vi, si)} className="flex items-center px-1" style={{ width: COL, minWidth: COL }} title={`${data.vpcs[vi].name} → ${s.name}: ${c.why}`} data-testid="matrix-cell" data-verdict={c.verdict} data-vpc={data.vpcs[vi].name}>
                        <span className={cn('w-full truncate rounded px-1.5 py-0.5 text-center text-[10.5px] font-medium', st.cls)}>
                          {c.verdict === 'auth' ? `denied · ${policy}` : st.text}
                        </span>
                      </Link>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
