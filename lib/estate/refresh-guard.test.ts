// Issue 12, point 11: refresh is single-flight, rate-limited per user, and a failed or partial
// refresh never replaces the last good topology. Concurrency by barriers, time by an injected clock.
import { describe, expect, it } from 'vitest';
import type { Topology, TopologyNode } from '@/lib/topology';
import { createRefreshGate, isRefreshFailed, RefreshFailedError, RefreshRateError, topologyToKeep } from './refresh-guard';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const node = (account: string, region: string, name: string): TopologyNode =>
  ({ id: `arn:aws:vpc-lattice:${region}:${account}:service/${name}`, kind: 'service', account, region, name, status: 'ACTIVE', tags: {}, seenBy: [account], description: {} }) as unknown as TopologyNode;

describe('refresh gate', () => {
  it('ten concurrent refreshes run one discovery; each gets its progress and result', async () => {
    let clock = 0;
    const release = deferred<string>();
    let runs = 0;
    const gate = createRefreshGate<string, string[], number>({
      minIntervalMs: 10_000,
      now: () => clock,
      run: async ({ onStart, onProgress }, user) => {
        runs++;
        onStart(['111111111111']);
        onProgress(1);
        const r = await release.promise;
        onProgress(2);
        return `${r} by ${user}`;
      },
    });
    const tickets = Array.from({ length: 10 }, (_, i) => gate.reserve(`user${i}`));
    expect(tickets.map((t) => t.joined)).toEqual([false, ...Array(9).fill(true)]);
    const seen = tickets.map(() => ({ starts: 0, progress: [] as number[] }));
    const results = tickets.map((t, i) => t.follow({ onStart: () => seen[i].starts++, onProgress: (p) => seen[i].progress.push(p) }));
    release.resolve('snapshot-1');
    expect(await Promise.all(results)).toEqual(Array(10).fill('snapshot-1 by user0'));
    expect(runs).toBe(1);
    expect(seen.every((s) => s.starts === 1 && s.progress.includes(2))).toBe(true);
    expect(gate.running()).toBe(false);

    // The same user again at once: 429 with the wait. Another user may start one.
    clock = 3_000;
    expect(() => gate.reserve('user0')).toThrow(RefreshRateError);
    try {
      gate.reserve('user0');
    } catch (err) {
      expect((err as RefreshRateError).retryAfterSeconds).toBe(7);
      expect((err as RefreshRateError).status).toBe(429);
    }
    clock = 10_000;
    const again = gate.reserve('user0');
    expect(again.joined).toBe(false);
  });
});

describe('refresh gate: late joiners and the first discovery', () => {
  it('one who joins late gets the progress so far; a follower that fails does not stop the others', async () => {
    const release = deferred<string>();
    const step = deferred<void>();
    const gate = createRefreshGate<string, string[], number>({
      minIntervalMs: 10_000,
      now: () => 0,
      run: async ({ onStart, onProgress }) => {
        onStart(['111111111111']);
        onProgress(1);
        await step.promise;
        onProgress(2);
        return release.promise;
      },
    });
    const seen: number[] = [];
    const broken = gate.reserve('system', { unmetered: true }).follow({ onProgress: () => { throw new Error('stream closed'); } });
    const late = gate.reserve('user0');
    expect(late.joined).toBe(true);
    const result = late.follow({ onProgress: (p) => seen.push(p) });
    expect(seen).toEqual([1]);
    step.resolve();
    release.resolve('snapshot');
    expect(await result).toBe('snapshot');
    expect(await broken).toBe('snapshot');
    expect(seen).toEqual([1, 2]);
    // The console's own first discovery does not count against anyone's rate.
    expect(gate.reserve('system', { unmetered: true }).joined).toBe(false);
  });
});

describe('what a refresh keeps', () => {
  const good: Topology = { nodes: [node('111111111111', 'us-east-1', 'a'), node('222222222222', 'us-east-1', 'b'), node('222222222222', 'eu-west-1', 'c')], edges: [], errors: [] };

  it('an outage (errors, nothing read) does not replace the last good topology', () => {
    const outage: Topology = { nodes: [], edges: [], errors: [{ account: '111111111111', region: '', message: 'ECONNREFUSED' }, { account: '222222222222', region: '', message: 'ECONNREFUSED' }] };
    expect(topologyToKeep(good, outage)).toBeNull();
    // With nothing before it, it is kept (the page shows the errors).
    expect(topologyToKeep(null, outage)).toBe(outage);
  });

  it('a partial refresh keeps the last good resources of the accounts and regions that failed', () => {
    const partial: Topology = { nodes: [node('111111111111', 'us-east-1', 'a2')], edges: [], errors: [{ account: '222222222222', region: 'us-east-1', message: 'ThrottlingException' }] };
    const kept = topologyToKeep(good, partial)!;
    expect(kept.nodes.map((n) => n.name).sort()).toEqual(['a2', 'b']);
    expect(kept.errors).toEqual(partial.errors);
    const clean: Topology = { nodes: [node('111111111111', 'us-east-1', 'a')], edges: [], errors: [] };
    expect(topologyToKeep(good, clean)).toBe(clean);
  });
});

describe('refresh gate: a refresh that must see what changed before it was asked', () => {
  it('waits for the running one, then runs once for everyone who asked meanwhile', async () => {
    const releases = [deferred<string>(), deferred<string>()];
    const started: string[] = [];
    const gate = createRefreshGate<string, string[], number>({
      minIntervalMs: 0,
      now: () => 0,
      run: async ({ onStart }, user) => {
        const n = started.push(user) - 1;
        onStart([user]);
        return `snapshot-${n} by ${await releases[n].promise}`;
      },
    });
    const first = gate.reserve('user0').follow({});
    // Asked after a change (an apply finished): not the running read, the next one.
    const fresh = gate.reserve('apply', { unmetered: true, fresh: true });
    expect(fresh.joined).toBe(false);
    const freshStarts: string[][] = [];
    const freshResult = fresh.follow({ onStart: (a) => freshStarts.push(a) });
    const joiner = gate.reserve('user1', { fresh: true });
    expect(joiner.joined).toBe(true);
    const joinedResult = joiner.follow({});
    // Without `fresh`, the running read is good enough.
    const plain = gate.reserve('user2').follow({});
    expect(started).toEqual(['user0']);
    expect(freshStarts).toEqual([]);
    expect(gate.running()).toBe(true);

    let settled = false;
    const whenSettled = gate.settled().then(() => (settled = true));
    releases[0].resolve('first');
    expect(await first).toBe('snapshot-0 by first');
    expect(await plain).toBe('snapshot-0 by first');
    await callbacksUntil(() => started.length === 2);
    expect(started).toEqual(['user0', 'apply']);
    expect(freshStarts).toEqual([['apply']]);
    expect(gate.running()).toBe(true);
    expect(settled).toBe(false);

    releases[1].resolve('second');
    expect(await freshResult).toBe('snapshot-1 by second');
    expect(await joinedResult).toBe('snapshot-1 by second');
    await whenSettled;
    expect(gate.running()).toBe(false);
  });

  it('runs at once when nothing runs, and the next one still runs after a failed read', async () => {
    const releases = [deferred<string>(), deferred<string>()];
    let runs = 0;
    const gate = createRefreshGate<string, string[], number>({
      minIntervalMs: 0,
      now: () => 0,
      run: async () => {
        const n = runs++;
        const value = await releases[n].promise;
        if (value === 'fail') throw new Error('nothing read');
        return value;
      },
    });
    const first = gate.reserve('user0', { fresh: true });
    expect(first.joined).toBe(false);
    const failed = first.follow({}).catch((err: Error) => err.message);
    const next = gate.reserve('user1', { fresh: true }).follow({});
    releases[0].resolve('fail');
    expect(await failed).toBe('nothing read');
    await callbacksUntil(() => runs === 2);
    releases[1].resolve('ok');
    expect(await next).toBe('ok');
  });
});

/** Lets pending promise callbacks run until `ready` holds (a bounded number of turns, no timers). */
async function callbacksUntil(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ready(); i++) await Promise.resolve();
  expect(ready()).toBe(true);
}

describe('a failed refresh, recognised', () => {
  it('also when another bundle\'s copy of the module threw it (instanceof says no there)', () => {
    const topology: Topology = { nodes: [], edges: [], errors: [{ account: '111111111111', region: '', message: 'ECONNREFUSED' }] };
    expect(isRefreshFailed(new RefreshFailedError(topology))).toBe(true);
    const fromElsewhere = Object.assign(new Error('The refresh could not read any account (1 error)'), { name: 'RefreshFailedError', topology });
    expect(isRefreshFailed(fromElsewhere)).toBe(true);
    expect(isRefreshFailed(new Error('ECONNREFUSED'))).toBe(false);
    expect(isRefreshFailed(Object.assign(new Error('x'), { name: 'RefreshFailedError' }))).toBe(false);
  });
});
