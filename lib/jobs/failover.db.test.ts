// Two console instances' job workers on one PostgreSQL: the one applying a plan is killed
// (SIGKILL) while its resources are still being created, and the other, once the dead one's
// lease has expired, resumes the apply and finishes it, creating every resource once.
// The kill happens at a known point: lattice-local holds every new resource in
// CREATE_IN_PROGRESS until told, so the first instance is waiting on them when it dies.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OpenDatabase } from '@/lib/db/client';
import { getPlanRow, insertPlan, loadJournalRows, transitionPlan } from '@/lib/db/repositories/plans';
import { planDiff } from '@/lib/plan/diff';
import { readLiveForPlan } from '@/lib/plan/runtime';
import { CONVERGENCE_CREATES, latticeRecordsAdded, localAdmin, type LocalStateCounts } from '@/lib/testing/convergence';
import { convergenceDesign, defaultNetwork, startLocalEstate, TEST_REGION, type LocalEstate } from '@/lib/testing/local-estate';
import { jobWorkers, sharedJobDatabase, type SharedJobDatabase } from '@/lib/testing/job-workers';
import type { JobQueue } from './queue';

const ACCOUNT = '210987654321';
const LEASE_SECONDS = 5;
const url = process.env.TEST_DATABASE_URL;
const skip = !url && process.env.TRELLIS_TEST_PG === 'skip';

let estate: LocalEstate;
let shared: SharedJobDatabase;
let db: OpenDatabase;
let queue: JobQueue;
let dataDir: string;
const workers = jobWorkers();
const until = workers.until;

/** A console instance's job worker on the scratch database, for the one account. */
const startWorker = () =>
  workers.start({
    DATABASE_URL: shared.url,
    TRELLIS_DEMO: '1',
    TRELLIS_DATA_DIR: dataDir,
    TRELLIS_ACCOUNTS: JSON.stringify([{ id: ACCOUNT, name: 'shop', regions: [TEST_REGION] }]),
    TRELLIS_APPLY_LEASE_SECONDS: String(LEASE_SECONDS),
  });

const local = <T = unknown>(pathname: string, body?: object) => localAdmin<T>(estate.url, pathname, body);

describe.skipIf(skip)('applies spread over console instances', () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trellis-jobs-'));
    // Resources stay CREATE_IN_PROGRESS until the test lifts the hold.
    estate = await startLocalEstate(ACCOUNT, { activationDelayMs: 24 * 3600_000 });
    shared = await sharedJobDatabase(url);
    ({ db, queue } = shared);
  }, 120_000);

  afterAll(async () => {
    await workers.stopAll();
    await shared?.close();
    await estate?.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('resumes on another instance the apply of an instance killed mid-apply, creating every resource once', async () => {
    const design = convergenceDesign(ACCOUNT, await defaultNetwork(ACCOUNT));
    const plan = planDiff(design, await readLiveForPlan([ACCOUNT], [TEST_REGION], (id) => ({ id })));
    const row = await insertPlan(
      { designName: 'shop', designVersion: 1, createdBy: 'alice', fingerprint: plan.fingerprint, summary: { ...plan.summary }, accounts: plan.accounts, regions: plan.regions, known: plan.known, warnings: plan.warnings },
      plan.operations,
      db.db,
    );
    const before = await local<LocalStateCounts>('/_local/state');

    const first = startWorker();
    const second = startWorker();
    await until('both workers to start', () => [first, second].every((w) => w.output().includes('job worker')));

    // What the console's apply route does: move the plan to `applying`, queue the job.
    expect(await transitionPlan(row.id, ['planned'], 'applying', { appliedBy: 'alice', applyStartedAt: new Date() }, db.db)).not.toBeNull();
    await queue.send('plan-apply', { planId: row.id, actor: 'alice', statusBefore: 'planned' });

    // The barrier: every operation that depends on nothing has been called, and each of its
    // resources is held in CREATE_IN_PROGRESS, so the instance applying is waiting on them.
    const roots = plan.operations.filter((o) => o.dependsOn.length === 0).map((o) => o.id);
    await until('the first calls of the apply', async () => {
      const called = new Set((await loadJournalRows(row.id, 0, db.db)).filter((j) => j.event === 'called').map((j) => j.opId));
      return roots.every((id) => called.has(id));
    });
    const applying = await until('the instance applying to say so', () => workers.all.find((w) => w.output().includes(`applying plan ${row.id}`)));
    const other = applying === first ? second : first;
    expect(other.output()).not.toContain(`applying plan ${row.id}`);

    applying.child.kill('SIGKILL');
    await applying.exited;
    const killedAt = Date.now();
    // Lift the hold: what the dead instance started finishes, and what comes next is not held.
    await local('/_local/faults', { activationDelayMs: 0 });
    await local('/_local/activate', {});

    await until('the other instance to finish the plan', async () => ['applied', 'failed', 'stale'].includes((await getPlanRow(row.id, db.db))!.status));
    const tookOverMs = Date.now() - killedAt;
    console.log(`apply taken over and finished ${(tookOverMs / 1000).toFixed(1)} s after the kill (lease ${LEASE_SECONDS} s)`);

    const done = (await getPlanRow(row.id, db.db))!;
    expect(done.status).toBe('applied');
    expect(other.output()).toContain(`applying plan ${row.id}`);
    const journal = await loadJournalRows(row.id, 0, db.db);
    const finished = new Set(journal.filter((j) => j.event === 'succeeded' || j.event === 'adopted').map((j) => j.opId));
    expect(plan.operations.filter((o) => !finished.has(o.id)).map((o) => o.id)).toEqual([]);
    // No create was called twice over both instances: what the dead one had called (the
    // roots, still waiting) was taken up from its journal, not called again.
    const calledTwice = plan.operations.filter((o) => (o.action === 'create' || o.action === 'associate') && journal.filter((j) => j.opId === o.id && j.event === 'called').length > 1);
    expect(calledTwice.map((o) => o.id)).toEqual([]);
    for (const id of roots) expect(journal.filter((j) => j.opId === id).map((j) => j.event)).toEqual(['started', 'called', 'succeeded']);

    // Every resource once: lattice-local holds exactly what the plan creates, and a new plan is empty.
    const after = await local<LocalStateCounts>('/_local/state');
    expect(latticeRecordsAdded(before, after, `${ACCOUNT}:${TEST_REGION}`)).toEqual(CONVERGENCE_CREATES);
    expect(planDiff(design, await readLiveForPlan([ACCOUNT], [TEST_REGION], (id) => ({ id }))).operations).toEqual([]);
  }, 240_000);
});
