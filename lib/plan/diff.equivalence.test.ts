// Pins planDiff's whole output on a synthetic estate, so the engine can be made faster
// without changing what it plans: operations, order, inputs, fingerprint, warnings.
import { describe, expect, it } from 'vitest';
import { applyPatch, emptyDesign, importLive, liveRecords, removeRecords, type Design } from '@/lib/topology/design';
import { canonicalHash, hash53 } from '@/lib/canonical';
import { fingerprintOf, indexLive, planDiff, type Fingerprint } from './index';
import { editedDesign, syntheticTopology } from './synthetic-estate';

const topology = syntheticTopology(1200);

/** The benchmark's edits, plus tag changes and a removed listener (its rule goes with it). */
function design(): Design {
  let d = editedDesign(topology, 40).design;
  const services = Object.values(d.records).filter((r) => r.kind === 'service' && !r.removed);
  for (const [i, s] of services.slice(0, 6).entries()) {
    const tags: Record<string, string> = i % 2 ? { team: 'platform', tier: 'gold' } : {};
    d = applyPatch(d, { label: 'tags', changes: [{ collection: 'records', id: s.id, before: d.records[s.id], after: { ...d.records[s.id], tags } }] });
  }
  const listener = Object.values(d.records).find((r) => r.kind === 'listener' && !r.removed)!;
  d = applyPatch(d, removeRecords(d, [listener.id]));
  return d;
}

describe('planDiff on a synthetic estate', () => {
  it('plans the same operations, fingerprint and warnings as before', async () => {
    const plan = planDiff(design(), topology);
    expect(plan.operations.length).toBeGreaterThan(40);
    await expect(JSON.stringify(hashed(plan), null, 1)).toMatchFileSnapshot('./__snapshots__/synthetic-plan.json');
  });

  it('plans nothing for the estate as it is, with the same fingerprint as before', async () => {
    const unchanged = applyPatch(emptyDesign('100000000000', 'us-east-1'), importLive(emptyDesign('100000000000', 'us-east-1'), liveRecords(topology)));
    const plan = planDiff(unchanged, topology);
    expect(plan.operations).toEqual([]);
    await expect(JSON.stringify(hashed(plan).fingerprint, null, 1)).toMatchFileSnapshot('./__snapshots__/synthetic-no-change-fingerprint.json');
  });
});

/**
 * The fingerprint as plans stored it before they kept states alone: the same keys, each state
 * in key space hashed, in key order, and a digest over them (what apply still computes to
 * compare with a plan stored then). The golden files pin those hashes: the plan covers the
 * keys it covered, and a plan stored with hashes compares as it did.
 */
function hashed<T extends { fingerprint: Fingerprint }>(plan: T): Omit<T, 'fingerprint'> & { fingerprint: { digest: string; entries: Record<string, string> } } {
  const { states } = fingerprintOf(plan.fingerprint.states.map(([key]) => key), indexLive(liveRecords(topology)), { keySpace: true });
  const entries: Record<string, string> = {};
  for (const [key, state] of [...states].sort(([a], [b]) => (a < b ? -1 : 1))) entries[key] = state === null ? 'absent' : canonicalHash(state);
  return { ...plan, fingerprint: { digest: hash53(JSON.stringify(entries)), entries } };
}
