// Refreshes as jobs: asked for on one console instance (this test process, which only queues
// and follows), run by another (a job worker process, scripts/jobs-worker.ts), the asker's
// stream fed through the database. Then the worker running one is killed (SIGKILL) while
// lattice-local holds its calls: every follower gets an error once the lease lapses, and the
// next refresh runs on another worker at once. Last, the same code in one process on PGlite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDb, getDatabase, type OpenDatabase } from '@/lib/db/client';
import { readEstateRefresh } from '@/lib/db/repositories/estate-refreshes';
import { findTopologySnapshot } from '@/lib/db/repositories/topology';
import { demoAccounts } from '@/lib/aws/accounts-config';
import { DEMO_ACCOUNTS } from '@/lib/demo';
import { LOCAL_ADMIN_HEADERS, startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { createInProcessQueue } from '@/lib/jobs/in-process';
import type { JobQueue } from '@/lib/jobs/queue';
import { jobWorkers, sharedJobDatabase, type SharedJobDatabase } from '@/lib/testing/job-workers';
import { pointSdkAt } from '@/lib/testing/sdk';
import { until as waitFor } from '@/lib/testing/until';
import { askEstateRefresh, EstateRefreshError, estateRefreshUnderway, followEstateRefresh, runEstateRefreshJob, RUNNER_STOPPED_MESSAGE, waitForEstateRefreshes, type RefreshAccount, type RefreshProgress } from './refresh-jobs';
import { RefreshRateError } from './refresh-guard';

const LEASE_SECONDS = 5;
const HUB = DEMO_ACCOUNTS.find((a) => a.name === 'network-hub')!.id;
const url = process.env.TEST_DATABASE_URL;
const skip = !url && process.env.TRELLIS_TEST_PG === 'skip';
const saved = { ...process.env };

let local: LatticeLocal;
let dataDir: string;
const workers = jobWorkers();

/** Every account and region a refresh of the demo estate reads, as its progress names them. */
const demoCells = () => demoAccounts().flatMap((a) => a.regions.map((r) => `${a.id}|${r}`)).sort();

/** What a follower saw, each with when it arrived. */
function recorder() {
  const seen: { at: number; accounts?: RefreshAccount[]; progress?: RefreshProgress }[] = [];
  let started!: () => void;
  const start = new Promise<void>((resolve) => (started = resolve));
  return {
    seen,
    start,
    followers: {
      onStart: (accounts: RefreshAccount[]) => {
        seen.push({ at: Date.now(), accounts });
        started();
      },
      onProgress: (progress: RefreshProgress) => void seen.push({ at: Date.now(), progress }),
    },
  };
}

const hold = (accounts: string[]) => fetch(`${local.url}/_local/holds`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify({ accounts }) }).then((r) => r.json() as Promise<{ waiting: number }>);
const waitingCalls = () => fetch(`${local.url}/_local/holds`, { headers: LOCAL_ADMIN_HEADERS }).then((r) => r.json() as Promise<{ waiting: number }>);

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-refresh-jobs-'));
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  pointSdkAt(local.url, HUB);
  Object.assign(process.env, { TRELLIS_DEMO: '1', TRELLIS_DATA_DIR: dataDir, TRELLIS_APPLY_LEASE_SECONDS: String(LEASE_SECONDS) });
  delete process.env.DATABASE_URL;
  delete process.env.TRELLIS_ACCOUNTS;
}, 60_000);

afterAll(async () => {
  await workers.stopAll();
  await local?.stop();
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  process.env = saved;
}, 60_000);

describe.skipIf(skip)('refreshes asked on one instance, run on another (PostgreSQL)', () => {
  let shared: SharedJobDatabase;
  let db: OpenDatabase;
  let queue: JobQueue;
  const deps = () => ({ open: db, queue, leaseSeconds: LEASE_SECONDS, minIntervalSeconds: 0 });

  /** A console instance's job worker alone, on the scratch database. */
  const startWorker = () => workers.start({ DATABASE_URL: shared.url });
  const until = workers.until;

  beforeAll(async () => {
    // This instance queues and follows; it runs no job.
    shared = await sharedJobDatabase(url);
    ({ db, queue } = shared);
  }, 120_000);

  afterAll(async () => {
    await workers.stopAll();
    await shared?.close();
  }, 60_000);

  it('streams to the asker every account of a refresh another instance runs, then its snapshot', async () => {
    const b = startWorker();
    await until('worker B to start', () => b.output().includes('job worker'));

    const asked = await askEstateRefresh('alice', deps());
    expect(asked.joined).toBe(false);
    const seen = recorder();
    const { snapshot, errors } = await followEstateRefresh(asked.id, seen.followers, deps());

    expect(b.output()).toContain(`refresh ${asked.id}, asked by alice`);
    expect(errors).toEqual([]);
    expect(seen.seen[0].accounts!.map((a) => a.id).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.id).sort());
    const last = new Map(seen.seen.flatMap((s) => (s.progress ? [[`${s.progress.account}|${s.progress.region}`, s.progress] as const] : [])));
    expect([...last.keys()].sort()).toEqual(demoCells());
    expect([...last.values()].every((p) => p.state === 'done' && p.calls > 0)).toBe(true);
    const stored = await findTopologySnapshot(snapshot.id, db.db);
    expect(stored).toMatchObject({ id: snapshot.id, takenBy: 'alice', nodeCount: snapshot.nodeCount });
    expect(snapshot.nodeCount).toBeGreaterThan(0);

    // How long an event took from worker B's commit to this follower (one clock: same machine).
    const events = (await readEstateRefresh(asked.id, 0, db.db))!.events;
    expect(events.length).toBe(seen.seen.length + 1);
    const lags = seen.seen.map((s, i) => s.at - events[i].at.getTime()).sort((x, y) => x - y);
    console.log(`progress from worker B to the asker: ${lags.length} events, median ${lags[Math.floor(lags.length / 2)]} ms, max ${lags[lags.length - 1]} ms (${lags.slice(0, 8).join(', ')} ms …)`);
  });

  it('ends the refresh with an error for every follower when the instance running it dies, and the next one runs on another', async () => {
    const b = workers.all.find((w) => w.child.exitCode === null)!;
    // lattice-local holds the hub's calls: the refresh is running, and stays so, when B dies.
    await hold([HUB]);
    const asked = await askEstateRefresh('bob', deps());
    expect(asked.joined).toBe(false);
    const bob = recorder();
    // Settled into a value at once: both end while the test awaits other things.
    const bobFollows = followEstateRefresh(asked.id, bob.followers, deps()).then(() => null, (err: unknown) => err);
    await bob.start;
    await until('worker B to wait on the held account', async () => (await waitingCalls()).waiting > 0);
    // Asked while it runs: joins it.
    const joined = await askEstateRefresh('carol', deps());
    expect(joined).toEqual({ id: asked.id, joined: true });
    const carolFollows = followEstateRefresh(joined.id, {}, deps()).then(() => null, (err: unknown) => err);

    b.child.kill('SIGKILL');
    await b.exited;
    const killedAt = Date.now();
    const bobEnded = await bobFollows;
    console.log(`followers told of the dead instance ${((Date.now() - killedAt) / 1000).toFixed(1)} s after the kill (lease ${LEASE_SECONDS} s)`);
    for (const ended of [bobEnded, await carolFollows]) {
      expect(ended).toBeInstanceOf(EstateRefreshError);
      expect((ended as Error).message).toBe(RUNNER_STOPPED_MESSAGE);
    }
    expect((await readEstateRefresh(asked.id, 0, db.db))!.state).toBe('failed');

    // Its job was cancelled: the next refresh is not kept waiting behind it (one runs at a time).
    await hold([]);
    const c = startWorker();
    await until('worker C to start', () => c.output().includes('job worker'));
    const next = await askEstateRefresh('dave', deps());
    expect(next.joined).toBe(false);
    const { snapshot } = await followEstateRefresh(next.id, {}, deps());
    expect(c.output()).toContain(`refresh ${next.id}, asked by dave`);
    expect(await findTopologySnapshot(snapshot.id, db.db)).toMatchObject({ takenBy: 'dave' });
  });
});

describe('refreshes in one process (embedded database)', () => {
  let queue: ReturnType<typeof createInProcessQueue>;
  let open: OpenDatabase;

  beforeAll(async () => {
    // The process's own database: discovery stores its snapshot there, as in a console.
    open = await getDatabase();
    queue = createInProcessQueue();
    await queue.work('estate-refresh', async (data, job) => void (await runEstateRefreshJob(data, job, { open, queue, leaseSeconds: LEASE_SECONDS })));
  }, 60_000);

  afterAll(async () => {
    await queue?.stop();
    await closeDb();
  });

  it('runs the job in-process and streams it the same way; the asker may only join within the rate', async () => {
    expect(open.kind).toBe('pglite');
    const deps = { open, queue, leaseSeconds: LEASE_SECONDS, minIntervalSeconds: 3600 };
    const asked = await askEstateRefresh('erin', deps);
    const seen = recorder();
    const { snapshot } = await followEstateRefresh(asked.id, seen.followers, deps);
    const last = new Map(seen.seen.flatMap((s) => (s.progress ? [[`${s.progress.account}|${s.progress.region}`, s.progress] as const] : [])));
    expect([...last.keys()].sort()).toEqual(demoCells());
    expect([...last.values()].every((p) => p.state === 'done')).toBe(true);
    expect(await findTopologySnapshot(snapshot.id, open.db)).toMatchObject({ takenBy: 'erin' });
    // Nothing to join and a refresh moments ago: 429.
    await expect(askEstateRefresh('erin', deps)).rejects.toBeInstanceOf(RefreshRateError);
    // Another user starts one.
    expect((await askEstateRefresh('frank', deps)).joined).toBe(false);
    await queue.idle();
  });
  it('a refresh asked for after a change waits for the running one and runs next; others asking meanwhile join it', async () => {
    const deps = { open, queue, leaseSeconds: LEASE_SECONDS, minIntervalSeconds: 0 };
    // lattice-local holds the hub's calls: the first refresh stays running.
    await hold([HUB]);
    const first = await askEstateRefresh('gina', deps);
    const firstSeen = recorder();
    const firstDone = followEstateRefresh(first.id, firstSeen.followers, deps);
    await firstSeen.start;
    await waitFor('the first refresh to wait on the held account', async () => (await waitingCalls()).waiting > 0);
    // An apply just finished: the running read may have missed what it made.
    const fresh = await askEstateRefresh('plan-apply', { ...deps, fresh: true, unmetered: true });
    expect(fresh.joined).toBe(false);
    expect(fresh.id).not.toBe(first.id);
    expect(await askEstateRefresh('hank', { ...deps, fresh: true })).toEqual({ id: fresh.id, joined: true });
    // Without `fresh`, the waiting one is joined too: it is the newer read.
    expect(await askEstateRefresh('ida', deps)).toEqual({ id: fresh.id, joined: true });
    expect(await estateRefreshUnderway(deps)).toBe(true);
    expect((await readEstateRefresh(fresh.id, 0, open.db))!.state).toBe('waiting');

    await hold([]);
    const before = await firstDone;
    const after = await followEstateRefresh(fresh.id, {}, deps);
    expect(after.snapshot.id).not.toBe(before.snapshot.id);
    expect(after.snapshot.takenAt.getTime()).toBeGreaterThanOrEqual(before.snapshot.takenAt.getTime());
    expect(await findTopologySnapshot(after.snapshot.id, open.db)).toMatchObject({ takenBy: 'plan-apply' });
    await queue.idle();
    expect(await estateRefreshUnderway(deps)).toBe(false);
    // Nothing under way: answers at once.
    expect(await waitForEstateRefreshes(60_000, deps)).toBe(false);
  });
});
