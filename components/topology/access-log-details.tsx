'use client';
// The access-log subscriptions of a service or service network, read live when the details
// panel opens it: a first view does not read them for every service.

import type { Topology } from '@/lib/topology';
import { useResourceDetails } from './api';
import { DetailsSection } from './details-section';

export function AccessLogDetails({ arn, topology, onSelect }: { arn: string; topology: Topology; onSelect: (id: string) => void }) {
  const query = useResourceDetails(arn);
  const subs = query.data?.accessLogSubscriptions ?? [];
  return (
    <DetailsSection title={`Access logs${query.data ? ` (${subs.length})` : ''}`} testId="details-access-logs">
      {query.isPending ? (
        <p className="text-[12px] text-slate-400" data-testid="access-logs-loading">
          Reading access-log subscriptions…
        </p>
      ) : query.isError ? (
        <p className="text-[12px] text-red-700" data-testid="access-logs-error">
          {query.error.message}
        </p>
      ) : subs.length === 0 ? (
        <p className="text-[12px] text-slate-400">No access-log subscriptions.</p>
      ) : (
        <ul className="space-y-1 text-[11.5px]">
          {subs.map((s) => {
            const destination = String(s.description.destinationArn ?? '');
            const known = topology.nodes.some((n) => n.id === s.id);
            return (
              <li key={s.id} data-testid="access-log-subscription">
                {known ? (
                  <button type="button" className="text-left font-medium text-indigo-700 hover:underline" onClick={() => onSelect(s.id)}>
                    {s.name}
                  </button>
                ) : (
                  <span className="font-medium text-slate-800">{s.name}</span>
                )}
                <div className="break-all font-mono text-[11px] text-slate-500">{destination}</div>
              </li>
            );
          })}
        </ul>
      )}
    </DetailsSection>
  );
}
