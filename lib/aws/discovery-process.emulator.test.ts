// Discovery in a discovery process of its own (discovery-process.ts) against lattice-local:
// the same topology as discovery on this process's loop, progress streamed per account, and
// a process that dies or is stopped is a failed discovery with a message, never a hang.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { DEMO_ACCOUNTS } from '@/lib/demo';
import { pointSdkAt } from '@/lib/testing/sdk';
import type { Topology } from '@/lib/topology';
import { demoAccounts } from './accounts-config';
import { forgetClients, hasFreshRoleCredentials } from './clients';
import { readDeferredDetails } from './deferred';
import { describeAwsError } from './errors';
import { discoverEstate, type AccountProgress, type DiscoveryTarget } from './discover';
import { discoverEstateOffLoop, DiscoveryProcessError, readDeferredDetailsOffLoop } from './discovery-process';

let local: LatticeLocal;
const saved = { ...process.env };
const targets = (): DiscoveryTarget[] => demoAccounts().map((a) => ({ ...a }));
const hub = DEMO_ACCOUNTS.find((a) => a.name === 'network-hub')!.id;

/** Topologies compared without the time they were read at. */
const timeless = (t: Topology) => ({ ...t, discoveredAt: undefined, nodes: t.nodes.map((n) => ({ ...n, discoveredAt: undefined })) });

beforeAll(async () => {
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  pointSdkAt(local.url, hub);
});

afterAll(async () => {
  forgetClients();
  await local?.stop();
  process.env = saved;
});

describe('discovery in a discovery process', () => {
  it('returns the topology, calls and progress of discovery on this loop, and hands back the roles it assumed', async () => {
    forgetClients();
    const here = await discoverEstate(targets());
    forgetClients();
    const progress: AccountProgress[] = [];
    const pids: number[] = [];
    const there = await discoverEstateOffLoop(targets(), { onProgress: (p) => progress.push(p), onProcess: (pid) => pids.push(pid) });

    expect(there.topology.errors).toEqual([]);
    expect(timeless(there.topology)).toEqual(timeless(here.topology));
    expect(there.stats).toEqual(here.stats);
    expect(there.minimum).toEqual(here.minimum);
    expect(there.accounts.map((a) => [a.account, a.region, a.stats.calls, a.failed])).toEqual(here.accounts.map((a) => [a.account, a.region, a.stats.calls, a.failed]));
    expect(pids).toHaveLength(1);
    expect(pids[0]).not.toBe(process.pid);
    expect(there.memory.pid).toBe(pids[0]);
    expect(there.memory.peakRss).toBeGreaterThan(0);

    // Each account's topology arrives with its `done` progress (a first view draws it at once).
    const done = progress.filter((p) => p.state === 'done');
    expect(done.map((p) => p.account).sort()).toEqual(targets().map((t) => t.id).sort());
    for (const p of done) expect(p.topology!.nodes.length, p.account).toBeGreaterThan(0);

    // The roles the process assumed are this process's now: the next discovery assumes none again.
    for (const t of targets().filter((t) => t.roleArn)) expect(hasFreshRoleCredentials(t.roleArn!, t.externalId), t.id).toBe(true);
    const again = await discoverEstateOffLoop(targets());
    expect(again.stats.byOperation.AssumeRole).toBeUndefined();
  }, 180_000);

  it('reads what a first view deferred as readDeferredDetails does here', async () => {
    const first = await discoverEstateOffLoop(targets(), { depth: 'graph' });
    expect(first.topology.deferred).toEqual(['accessLogSubscription']);
    const here = await readDeferredDetails(targets(), first.topology);
    const there = await readDeferredDetailsOffLoop(targets(), first.topology);
    expect(there.topology.deferred).toBeUndefined();
    expect(there.topology.nodes.some((n) => n.kind === 'accessLogSubscription')).toBe(true);
    expect(timeless(there.topology)).toEqual(timeless(here.topology));
    expect(there.stats).toEqual(here.stats);
  }, 120_000);

  it('fails with a message naming what happened when the discovery process dies', async () => {
    let killed = false;
    const outcome = discoverEstateOffLoop(targets(), {
      // Killed once it has shown it runs: its first progress is the barrier.
      onProgress: () => {
        if (killed) return;
        killed = true;
        process.kill(pid!, 'SIGKILL');
      },
      onProcess: (p) => (pid = p),
    });
    let pid: number | undefined;
    const err = await outcome.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DiscoveryProcessError);
    expect((err as Error).message).toBe('The discovery process was killed (SIGKILL) before it finished; nothing it read was kept.');
    // As a refresh reports it (the refresh route and the scheduled job describe what refreshEstate threw).
    expect(describeAwsError(err).message).toBe('DiscoveryStopped: The discovery process was killed (SIGKILL) before it finished; nothing it read was kept.');
  });

  it('stops the discovery process when its signal aborts', async () => {
    const controller = new AbortController();
    let pid: number | undefined;
    const outcome = discoverEstateOffLoop(targets(), { signal: controller.signal, onProcess: (p) => (pid = p), onProgress: () => controller.abort() });
    await expect(outcome).rejects.toThrow(new DiscoveryProcessError('Discovery was stopped.'));
    // Killed, not left reading: signal 0 probes whether the process still exists (it may take a moment to be reaped).
    await new Promise<void>((resolve) => {
      const check = () => {
        try {
          process.kill(pid!, 0);
          setImmediate(check);
        } catch {
          resolve();
        }
      };
      check();
    });
  });
});
