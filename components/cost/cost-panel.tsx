'use client';
// The topology's monthly cost: a toolbar button with the total that opens a panel listing it per
// account and per service network, with the traffic assumed for each service, editable (kept in
// this browser) and priced at once.
import { useMemo, useState } from 'react';
import { formatUsd, priceTopology, RATES, type TrafficAssumption } from '@/lib/cost';
import type { Topology } from '@/lib/topology';
import { Button } from '@/components/ui/button';

const STORAGE_KEY = 'trellis.cost.traffic';
const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
type Traffic = Record<string, Partial<TrafficAssumption>>;

function loadTraffic(): Traffic {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Traffic) : {};
  } catch {
    return {};
  }
}

export function CostButton({ topology, accountNames }: { topology: Topology; accountNames: Map<string, string> }) {
  const [open, setOpen] = useState(false);
  // Rendered only once the topology has loaded in the browser, so the stored assumptions can be read at once.
  const [traffic, setTraffic] = useState<Traffic>(() => (typeof window === 'undefined' ? {} : loadTraffic()));
  const estimate = useMemo(() => priceTopology(topology, { traffic }), [topology, traffic]);
  const edit = (key: string, field: keyof TrafficAssumption, value: string) => {
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0) return;
    setTraffic((t) => {
      const next = { ...t, [key]: { ...t[key], [field]: n } };
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
      return next;
    });
  };
  const reset = () => {
    window.localStorage.removeItem(STORAGE_KEY);
    setTraffic({});
  };
  const networks = Object.entries(estimate.byServiceNetwork).sort((a, b) => b[1].total - a[1].total);
  const accounts = Object.entries(estimate.byAccount).sort((a, b) => b[1] - a[1]);
  return (
    <>
      <Button variant="ghost" onClick={() => setOpen((o) => !o)} title="Estimated monthly cost of VPC Lattice in this view" data-testid="cost-button">
        ≈ {formatUsd(estimate.total)}/month
      </Button>
      {open && (
        <aside className="fixed top-24 right-4 z-40 flex max-h-[calc(100vh-7rem)] w-[440px] flex-col overflow-hidden rounded-lg bg-white shadow-xl ring-1 ring-slate-200" aria-label="Monthly cost" data-testid="cost-panel">
          <div className="flex items-center border-b border-slate-200 px-4 py-2.5">
            <h2 className="text-[14px] font-semibold text-slate-900">Monthly cost ≈ {formatUsd(estimate.total)}</h2>
            <button type="button" className="ml-auto text-slate-500 hover:text-slate-900" onClick={() => setOpen(false)} aria-label="Close">
              ✕
            </button>
          </div>
          <div className="overflow-y-auto px-4 py-3 text-[12.5px]">
            <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Per account</h3>
            <table className="mb-3 w-full" data-testid="cost-by-account">
              <tbody>
                {accounts.map(([a, v]) => (
                  <tr key={a}>
                    <td className="py-0.5 text-slate-700">{accountNames.get(a) ?? a}</td>
                    <td className="py-0.5 text-right font-mono tabular-nums">{formatUsd(v)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h3 className="mb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Per service network</h3>
            <table className="mb-3 w-full" data-testid="cost-by-network">
              <tbody>
                {networks.map(([k, v]) => (
                  <tr key={k}>
                    <td className="py-0.5 text-slate-700">
                      {v.name} <span className="text-slate-400">· {plural(v.services, 'service')}{v.resourceConfigurations ? `, ${plural(v.resourceConfigurations, 'resource configuration')}` : ''}</span>
                    </td>
                    <td className="py-0.5 text-right font-mono tabular-nums">{formatUsd(v.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="mb-1 flex items-baseline">
              <h3 className="text-[11px] font-semibold tracking-wide text-slate-500 uppercase">Traffic assumed</h3>
              <button type="button" className="ml-auto text-[11.5px] text-indigo-700 hover:underline" onClick={reset}>
                Back to defaults
              </button>
            </div>
            <table className="w-full" data-testid="cost-lines">
              <thead>
                <tr className="text-left text-[11px] text-slate-500">
                  <th className="font-normal">Resource</th>
                  <th className="font-normal">req/s</th>
                  <th className="font-normal">GB/day</th>
                  <th className="text-right font-normal">/month</th>
                </tr>
              </thead>
              <tbody>
                {estimate.lines.map((l) => (
                  <tr key={l.key} title={`hours ${formatUsd(l.hourly)} · requests ${formatUsd(l.requests)} · data ${formatUsd(l.data)}`}>
                    <td className="max-w-40 truncate py-0.5 text-slate-700">
                      {l.name} <span className="text-slate-400">{accountNames.get(l.account) ?? l.account}</span>
                    </td>
                    <td>
                      {l.kind === 'service' ? (
                        <input className="w-16 rounded px-1 ring-1 ring-slate-300" type="number" min={0} value={l.traffic.requestsPerSecond} onChange={(e) => edit(l.key, 'requestsPerSecond', e.target.value)} aria-label={`Requests per second for ${l.name}`} />
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                    <td>
                      <input className="w-14 rounded px-1 ring-1 ring-slate-300" type="number" min={0} step="0.1" value={l.traffic.gbPerDay} onChange={(e) => edit(l.key, 'gbPerDay', e.target.value)} aria-label={`GB per day for ${l.name}`} />
                    </td>
                    <td className="text-right font-mono tabular-nums">{formatUsd(l.total)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mt-3 text-[11px] leading-snug text-slate-500">
              Rates {RATES.version} ({RATES.currency}, read {RATES.readOn}) from {RATES.source}. {estimate.notes.join(' ')}
            </p>
          </div>
        </aside>
      )}
    </>
  );
}
