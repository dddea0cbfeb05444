'use client';
// How current the topology on screen is. After refreshes that could not read anything, the
// last good snapshot stays on the canvas and this says since when it is stale and why.

import type { ReadStateDto } from './api';
import { groupErrors, hitList } from './error-groups';

const when = (iso: string) => new Date(iso).toLocaleString();

export function ReadStateBanner({ read, accountNames }: { read: ReadStateDto | undefined; accountNames: ReadonlyMap<string, string> }) {
  if (!read || read.state !== 'stale') return null;
  const groups = groupErrors(read.errors);
  return (
    <div className="border-b border-amber-300 bg-amber-50 px-4 py-2 text-[12.5px] text-amber-950" role="alert" data-testid="stale-banner" data-since={read.since}>
      <p>
        <span className="font-semibold">Stale since {when(read.since)}.</span> {read.failures === 1 ? 'A refresh' : `${read.failures} refreshes`} could not read the estate, so this is the estate as read at{' '}
        <span className="font-medium">{when(read.lastGoodAt)}</span>, not its live state.
        {read.failures > 1 && <> Last attempt {when(read.lastFailureAt)}.</>}
      </p>
      {groups.length > 0 ? (
        <ul className="mt-1 space-y-0.5" aria-label="Why">
          {groups.map((g) => (
            <li key={`${g.operation ?? ''}|${g.reason}`} data-testid="stale-reason">
              <span className="font-medium">{g.operation ? `${g.operation}: ${g.reason}` : g.reason}</span> <span className="text-amber-900">({hitList(g.hits, accountNames)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1" data-testid="stale-reason">
          {read.message}
        </p>
      )}
    </div>
  );
}
