// The Terraform acceptance pattern against lattice-local: draw, plan, apply, rediscover,
// re-plan (must be empty), then delete it all by plan. Then the same under faults, and a
// plan made stale by an out-of-band change.
import { UpdateServiceCommand } from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor } from '@/lib/aws';
import { openDatabase, type OpenDatabase } from '@/lib/db/client';
import { insertPlan } from '@/lib/db/repositories/plans';
import { activeRecords, applyPatch, removeRecords, validateDesign, liveRecords, type Design } from '@/lib/topology/design';
import { applyPlan, type ApplyPlan } from './apply';
import { planDiff } from './diff';
import { awsApplyPorts, readLiveForPlan } from './runtime';
import { convergenceDesign, defaultNetwork, startLocalEstate, TEST_REGION, type LocalEstate } from '@/lib/testing/local-estate';
import type { ComputedPlan } from './types';

const ACCOUNT = '210987654321';
const accessFor = (id: string) => ({ id });

let estate: LocalEstate;
let db: OpenDatabase;

beforeAll(async () => {
  estate = await startLocalEstate(ACCOUNT, { activationDelayMs: 150 });
  db = await openDatabase({ pgliteDir: 'memory://' });
}, 60_000);

afterAll(async () => {
  await db?.close();
  await estate?.stop();
});

const live = () => readLiveForPlan([ACCOUNT], [TEST_REGION], accessFor);

async function save(plan: ComputedPlan): Promise<ApplyPlan> {
  const row = await insertPlan(
    { designName: 'test', designVersion: 1, createdBy: 'test', fingerprint: plan.fingerprint, summary: { ...plan.summary }, accounts: plan.accounts, regions: plan.regions, known: plan.known, warnings: plan.warnings },
    plan.operations,
    db.db,
  );
  return { id: row.id, operations: plan.operations, fingerprint: plan.fingerprint, accounts: plan.accounts, regions: plan.regions, known: plan.known };
}

async function planAndApply(design: Design, options: { concurrency?: number } = {}) {
  const plan = planDiff(design, await live());
  const saved = await save(plan);
  const result = await applyPlan(saved, awsApplyPorts({ db: db.db, accessFor, leaseMs: 5_000 }), { pollMs: 40, concurrency: options.concurrency ?? 6 });
  return { plan, result };
}

function deleteAll(design: Design): Design {
  return applyPatch(design, removeRecords(design, activeRecords(design).map((r) => r.id)));
}

describe('plan and apply converge', () => {
  it('creates a whole topology, re-plans to nothing, and deletes it all by plan', async () => {
    const net = await defaultNetwork(ACCOUNT);
    const design = convergenceDesign(ACCOUNT, net);
    expect(validateDesign(design).filter((i) => i.severity === 'error')).toEqual([]);

    const { plan, result } = await planAndApply(design);
    expect(plan.summary).toMatchObject({ create: 13, associate: 8, addPolicy: 2, update: 0, delete: 0, replace: 0 });
    expect(result.messages).toEqual({});
    expect(result.outcome).toBe('succeeded');

    const after = await live();
    const again = planDiff(design, after);
    expect(again.operations.map((o) => `${o.action} ${o.label} ${JSON.stringify(o.changes)}`)).toEqual([]);
    const kinds = liveRecords(after).map((r) => r.kind);
    expect(kinds.filter((k) => k === 'target')).toHaveLength(4);
    expect(kinds.filter((k) => k === 'rule')).toHaveLength(2);

    const gone = deleteAll(design);
    const removal = await planAndApply(gone);
    expect(removal.result.outcome).toBe('succeeded');
    expect(removal.plan.summary.create).toBe(0);
    const left = liveRecords(await live());
    expect(left).toEqual([]);
    expect(planDiff(gone, await live()).operations).toEqual([]);
  }, 120_000);

  it('converges with 20% injected server errors and a throttle', async () => {
    const net = await defaultNetwork(ACCOUNT);
    const design = convergenceDesign(ACCOUNT, net);
    await estate.setFaults({ errorRate: 0.2, throttleRps: 20 });
    try {
      const { result } = await planAndApply(design);
      expect(result.messages).toEqual({});
      expect(result.outcome, JSON.stringify(result.staleChanges ?? result.reason ?? null)).toBe('succeeded');
      expect(planDiff(design, await live()).operations).toEqual([]);
      const removal = await planAndApply(deleteAll(design));
      expect(removal.result.outcome).toBe('succeeded');
    } finally {
      await estate.setFaults({ errorRate: 0, throttleRps: 0 });
    }
    expect(liveRecords(await live())).toEqual([]);
  }, 180_000);

  it('refuses a plan whose resources changed out of band, saying which', async () => {
    const net = await defaultNetwork(ACCOUNT);
    const design = convergenceDesign(ACCOUNT, net);
    await planAndApply(design);
    const edited = applyPatch(design, { label: 'edit', changes: [{ collection: 'records', id: 'payments', before: design.records.payments, after: { ...design.records.payments, tags: { team: 'payments' } } }] });
    const plan = planDiff(edited, await live());
    expect(plan.summary.update).toBe(1);
    const saved = await save(plan);
    // Someone switches the payments service to AWS_IAM in the console after the plan was made.
    const arn = liveRecords(await live()).find((r) => r.kind === 'service' && r.spec.name === 'payments')!.arn!;
    await clientsFor({ id: ACCOUNT }, TEST_REGION).lattice.send(new UpdateServiceCommand({ serviceIdentifier: arn, authType: 'AWS_IAM' }));
    const events: string[] = [];
    const result = await applyPlan(saved, awsApplyPorts({ db: db.db, accessFor }), { onEvent: (e) => events.push(e.type) });
    expect(result.outcome).toBe('stale');
    expect(result.staleChanges).toEqual([{ key: `service:${ACCOUNT}:${TEST_REGION}:payments`, change: 'changed', fields: [{ path: 'authType', before: 'NONE', after: 'AWS_IAM' }] }]);
    expect(events).toEqual(['refused']);
    expect(Object.values(result.states).every((s) => s === 'pending')).toBe(true);
    await planAndApply(deleteAll(design));
  }, 120_000);
});
