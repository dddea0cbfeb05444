// A first view's fast discovery and the details it defers, against lattice-local's demo
// estate: the graph pass reads no access-log subscriptions and says so; the deferred pass
// then yields exactly what a full discovery reads; one resource's details read live.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { DEMO_ACCOUNTS } from '@/lib/demo';
import { pointSdkAt } from '@/lib/testing/sdk';
import { diffTopologies, type Topology } from '@/lib/topology';
import { DomainError } from '@/lib/errors';
import { demoAccounts } from './accounts-config';
import { forgetClients } from './clients';
import { readDeferredDetails, readResourceDetails } from './deferred';
import { discoverEstate, type DiscoveryTarget } from './discover';

let local: LatticeLocal;
const saved = { ...process.env };
const targets = (): DiscoveryTarget[] => demoAccounts().map((a) => ({ ...a }));
const hub = DEMO_ACCOUNTS.find((a) => a.name === 'network-hub')!.id;

/** Drops the fields that differ between two reads of one estate (read time). */
const stable = (t: Topology) => ({ nodes: t.nodes, edges: t.edges, errors: t.errors });

beforeAll(async () => {
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  pointSdkAt(local.url, hub);
});

afterAll(async () => {
  forgetClients();
  await local?.stop();
  process.env = saved;
});

describe('discovery in two passes', () => {
  it('reads the graph first without access-log subscriptions, then the deferred pass completes it to what a full read sees', async () => {
    const full = await discoverEstate(targets());
    const fast = await discoverEstate(targets(), { depth: 'graph' });
    expect(fast.topology.errors).toEqual([]);
    expect(fast.topology.deferred).toEqual(['accessLogSubscription']);
    expect(fast.stats.byOperation.ListAccessLogSubscriptions).toBeUndefined();
    expect(full.stats.byOperation.ListAccessLogSubscriptions).toBeGreaterThan(0);
    expect(fast.topology.nodes.filter((n) => n.kind === 'accessLogSubscription')).toEqual([]);
    expect(fast.stats.calls).toBe(fast.minimum.total);
    // Comparing the fast read with the full one is no change: absence of a deferred kind means "not read".
    const diff = diffTopologies(fast.topology, full.topology);
    expect([...diff.addedNodes, ...diff.removedNodes, ...diff.addedEdges, ...diff.removedEdges]).toEqual([]);

    const completed = await readDeferredDetails(targets(), fast.topology);
    expect(completed.topology.deferred).toBeUndefined();
    expect(completed.stats.byOperation).toEqual({ ListAccessLogSubscriptions: full.stats.byOperation.ListAccessLogSubscriptions });
    expect(stable(completed.topology)).toEqual(stable(full.topology));
    expect(completed.topology.nodes.filter((n) => n.kind === 'accessLogSubscription').length).toBeGreaterThan(1);
    expect(completed.topology.edges.some((e) => e.kind === 'accessLogDestination')).toBe(true);
  });

  it('reads one resource\'s subscriptions live, and says in words when it cannot', async () => {
    const { topology } = await discoverEstate(targets());
    const network = topology.nodes.find((n) => n.kind === 'serviceNetwork' && topology.nodes.some((s) => s.kind === 'accessLogSubscription' && s.parent === n.id))!;
    const details = await readResourceDetails({ id: hub }, network);
    expect(details.accessLogSubscriptions?.map((s) => s.id).sort()).toEqual(topology.nodes.filter((s) => s.kind === 'accessLogSubscription' && s.parent === network.id).map((s) => s.id).sort());
    const vpc = topology.nodes.find((n) => n.kind === 'vpc')!;
    expect((await readResourceDetails({ id: vpc.account }, vpc)).accessLogSubscriptions).toBeNull();

    const err = await readResourceDetails({ id: hub, roleArn: `arn:aws:iam::${hub}:role/NoSuchRole` }, network).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).message).toMatch(/^Could not read the access-log subscriptions of arn:aws:vpc-lattice:.*servicenetwork\/sn-[0-9a-f]+: /);
    expect((err as DomainError).message).not.toMatch(/\n\s+at /);
  });
});
