'use client';
// The monthly cost a plan's design causes, in one line under the plan's summary.
import { useQuery } from '@tanstack/react-query';

interface CostResponse {
  change: { before: number; after: number; delta: number; sentence: string };
  rates: { version: string };
}

export function PlanCostLine({ planId }: { planId: string }) {
  const query = useQuery({
    queryKey: ['plan-cost', planId],
    queryFn: async (): Promise<CostResponse> => {
      const res = await fetch(`/api/cost?scope=plan:${planId}`);
      const body = await res.json();
      if (!res.ok) throw new Error(body?.error?.message ?? `Cost failed (${res.status})`);
      return body as CostResponse;
    },
    staleTime: 60_000,
  });
  if (query.isError) return null;
  if (!query.data) return <p className="text-[12.5px] text-slate-500">Estimating the monthly cost…</p>;
  const { change, rates } = query.data;
  const tone = change.delta > 0 ? 'text-amber-800' : change.delta < 0 ? 'text-emerald-800' : 'text-slate-700';
  return (
    <p className={`text-[13px] font-medium ${tone}`} data-testid="plan-cost" title={`Rates ${rates.version}, default traffic (10 requests/s and 1 GB/day per service) unless set on the topology's cost panel`}>
      {change.sentence} <span className="font-normal text-slate-500">(estimate: {`$${change.before.toFixed(2)} → $${change.after.toFixed(2)}`} a month for what the console reads)</span>
    </p>
  );
}
