// Apply across processes on one PostgreSQL: a console killed with SIGKILL mid-apply is
// resumed by another without creating anything twice, and two applies to one account at
// once do not run together (one is refused, or waits its turn). Where the order matters the
// test holds an apply open itself (a barrier), rather than hoping it is still running.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenDatabase } from '../client';
import { createScratchPostgres } from '../scratch';
import { getPlanRow, insertPlan, listApplyLocks, loadJournalRows } from './plans';
import { listAuditEvents } from './audit';
import { startApply } from '@/lib/plan/server';
import { applyPlan, type ApplyPlan } from '@/lib/plan';
import { planDiff } from '@/lib/plan/diff';
import { awsApplyPorts, readLiveForPlan } from '@/lib/plan/runtime';
import { convergenceDesign, defaultNetwork, startLocalEstate, TEST_REGION, type LocalEstate } from '@/lib/testing/local-estate';
import { addRecord, applyPatch, createKeyResolver, emptyDesign, liveRecords, type Design } from '@/lib/topology/design';

const url = process.env.TEST_DATABASE_URL;
const ACCOUNT = '310987654321';
const accessFor = (id: string) => ({ id });

describe.skipIf(!url && process.env.TRELLIS_TEST_PG === 'skip')('apply across console processes on PostgreSQL', () => {
  let estate: LocalEstate;
  let scratch: { url: string; drop(): Promise<void> };
  let db: OpenDatabase;

  beforeAll(async () => {
    if (!url) throw new Error('TEST_DATABASE_URL is not set (npm test sets it), or set TRELLIS_TEST_PG=skip');
    estate = await startLocalEstate(ACCOUNT, { activationDelayMs: 300, faults: { latencyMs: 40 } });
    scratch = await createScratchPostgres(url);
    db = await openDatabase({ url: scratch.url });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await scratch?.drop();
    await estate?.stop();
  });

  const live = () => readLiveForPlan([ACCOUNT], [TEST_REGION], accessFor);

  async function savePlan(design: Design, name: string): Promise<string> {
    return (await saveApplyPlan(design, name)).id;
  }

  /** Saves a plan and returns it as apply takes it. */
  async function saveApplyPlan(design: Design, name: string): Promise<ApplyPlan> {
    const plan = planDiff(design, await live());
    const row = await insertPlan(
      { designName: name, designVersion: 1, createdBy: 'alice', fingerprint: plan.fingerprint, summary: { ...plan.summary }, accounts: plan.accounts, regions: plan.regions, known: plan.known, warnings: plan.warnings },
      plan.operations,
      db.db,
    );
    return { id: row.id, operations: plan.operations, fingerprint: plan.fingerprint, accounts: plan.accounts, regions: plan.regions, known: plan.known };
  }

  function console_(planId: string, extra: string[] = []): { child: ChildProcess; done: Promise<{ code: number | null; out: Record<string, unknown> | null }> } {
    const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', 'lib/plan/apply-cli.ts', planId, '--lease-ms', '1500', '--poll-ms', '50', '--actor', 'console-a', ...extra], {
      env: { ...process.env, DATABASE_URL: scratch.url, TRELLIS_DATA_DIR: '/tmp/trellis-apply-test', AWS_ENDPOINT_URL: estate.url, AWS_ACCESS_KEY_ID: ACCOUNT, AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: TEST_REGION },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (err += d));
    const done = new Promise<{ code: number | null; out: Record<string, unknown> | null }>((resolve) =>
      child.on('exit', (code) => {
        const last = out.trim().split('\n').pop();
        let parsed: Record<string, unknown> | null = null;
        try {
          parsed = last ? JSON.parse(last) : null;
        } catch {
          parsed = { raw: out, err };
        }
        if (!parsed) parsed = { raw: out, err };
        resolve({ code, out: parsed });
      }),
    );
    return { child, done };
  }

  async function waitUntil(what: string, test: () => Promise<boolean>, ms = 60_000) {
    const deadline = Date.now() + ms;
    while (!(await test())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const succeededCount = async (planId: string) => (await loadJournalRows(planId, 0, db.db)).filter((e) => e.event === 'succeeded').length;

  it('kill -9 mid-apply, then resume: every resource exists exactly once', async () => {
    const net = await defaultNetwork(ACCOUNT);
    const design = convergenceDesign(ACCOUNT, net);
    const planId = await savePlan(design, 'convergence');
    const { child, done } = console_(planId, ['--concurrency', '3']);
    await waitUntil('a few operations', async () => (await succeededCount(planId)) >= 6);
    child.kill('SIGKILL');
    await done;
    const journal = await loadJournalRows(planId, 0, db.db);
    const total = (await getPlanRow(planId, db.db))!;
    expect(total.status).toBe('applying');
    expect(journal.filter((e) => e.event === 'succeeded').length).toBeLessThan(27);
    expect(journal.some((e) => e.opId === '*')).toBe(false);

    // The dead console's lease runs out; another console resumes the apply.
    await waitUntil('the lease to expire', async () => (await listApplyLocks(db.db)).every((l) => l.expiresAt < new Date()), 10_000);
    const { resumed, done: result } = await startApply(planId, { id: null, name: 'bob' }, { db: db.db, requireApproval: false, wait: true, accessFor, leaseMs: 1500, pollMs: 50 });
    expect(resumed).toBe(true);
    expect(result?.messages).toEqual({});
    expect(result?.outcome).toBe('succeeded');
    expect((await getPlanRow(planId, db.db))!.status).toBe('applied');

    const records = liveRecords(await live());
    const resolver = createKeyResolver(new Map(records.map((r) => [r.id, r])));
    const keys = records.map((r) => resolver.keyOfRecord(r));
    expect(new Set(keys).size).toBe(keys.length);
    expect(records.length).toBe(Object.keys(design.records).length);
    expect(planDiff(design, await live()).operations).toEqual([]);
    // Each create was sent with one clientToken, however many times it was sent.
    const tokens = new Map<string, Set<string>>();
    for (const e of await loadJournalRows(planId, 0, db.db)) if (e.clientToken) tokens.set(e.opId, new Set([...(tokens.get(e.opId) ?? []), e.clientToken]));
    for (const set of tokens.values()) expect(set.size).toBe(1);
    const audit = await listAuditEvents({ action: 'plan.apply' }, db.db);
    expect(audit.events.map((e) => (e.details as { phase?: string }).phase).sort()).toEqual(['finished', 'resumed', 'started']);
  }, 180_000);

  function smallDesign(prefix: string, services = 1): Design {
    let d = emptyDesign(ACCOUNT, TEST_REGION);
    d = applyPatch(d, addRecord(d, { id: 'sn', kind: 'serviceNetwork', spec: { name: `${prefix}-net` } }).patch);
    for (let i = 0; i < services; i++) {
      d = applyPatch(d, addRecord(d, { id: `svc${i}`, kind: 'service', spec: { name: `${prefix}-svc-${i}` } }).patch);
      d = applyPatch(d, addRecord(d, { id: `a${i}`, kind: 'serviceNetworkServiceAssociation', spec: { serviceNetworkIdentifier: 'sn', serviceIdentifier: `svc${i}` } }).patch);
    }
    return d;
  }

  it('two applies to one account: the second is refused while the first runs, or waits its turn', async () => {
    // The first apply runs in this process with the console's own ports (database lock and
    // journal, SDK calls), its calls held at a barrier: it holds the account's lock until the
    // test lets it go, however fast or slow the machine is.
    const firstPlan = await saveApplyPlan(smallDesign('first', 2), 'first');
    const first = firstPlan.id;
    const second = await savePlan(smallDesign('second'), 'second');
    const third = await savePlan(smallDesign('third'), 'third');
    let openBarrier!: () => void;
    const barrier = new Promise<void>((resolve) => (openBarrier = resolve));
    const ports = awsApplyPorts({ db: db.db, accessFor, leaseMs: 1500 });
    const held = async (op: Parameters<typeof ports.call>[0], input: Parameters<typeof ports.call>[1]) => {
      await barrier;
      return ports.call(op, input);
    };
    const a = applyPlan(firstPlan, { ...ports, call: held }, { owner: 'console-a', pollMs: 50 });
    await waitUntil('the first apply to start', async () => (await loadJournalRows(first, 0, db.db)).some((e) => e.event === 'started'));
    const b = console_(second);
    const c = console_(third, ['--lock-wait-ms', '60000']);
    const rb = await b.done; // refused while the first holds the lock
    openBarrier();
    const [ra, rc] = await Promise.all([a, c.done]);
    expect(ra.outcome).toBe('succeeded');
    expect(rb.out?.outcome).toBe('locked');
    expect((rb.out?.lockHolder as { planId?: string })?.planId).toBe(first);
    expect(rc.out?.outcome).toBe('succeeded');
    // The refused plan is left as it was, to be applied later.
    expect((await getPlanRow(second, db.db))!.status).toBe('planned');
    const journalA = await loadJournalRows(first, 0, db.db);
    const journalC = await loadJournalRows(third, 0, db.db);
    // The waiting apply started only after the first one finished.
    const aFinished = journalA.find((e) => e.opId === '*' && e.event === 'finished')!.at.getTime();
    const cStarted = journalC.find((e) => e.event === 'started')!.at.getTime();
    expect(cStarted).toBeGreaterThanOrEqual(aFinished);
  }, 180_000);
});
