// Approval when TRELLIS_REQUIRE_APPROVAL is on: a plan is applied only once an approver who
// did not make it has approved it; every step is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestError } from '@/lib/auth/errors';
import { approvePlan, startApply } from '@/lib/plan/server';
import { openDatabase, type OpenDatabase } from '../client';
import { listAuditEvents } from './audit';
import { getPlanRow, insertPlan } from './plans';

let db: OpenDatabase;
beforeAll(async () => {
  db = await openDatabase({ pgliteDir: 'memory://' });
}, 60_000);
afterAll(async () => db?.close());

async function plan(createdBy: string) {
  return insertPlan(
    { designName: 'd', designVersion: 1, createdBy, fingerprint: { digest: 'x', entries: {} }, summary: {}, accounts: [], regions: [], known: {}, warnings: [] },
    [],
    db.db,
  );
}

async function refusal(work: Promise<unknown>): Promise<RequestError> {
  const err = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RequestError);
  return err as RequestError;
}

describe('plan approval', () => {
  it('needs an approval from someone other than its author before it applies', async () => {
    const row = await plan('alice');
    const notYet = await refusal(startApply(row.id, { id: null, name: 'alice' }, { db: db.db, requireApproval: true, accessFor: (id) => ({ id }) }));
    expect(notYet.status).toBe(403);
    expect(notYet.message).toMatch(/needs an approver's approval/);

    const own = await refusal(approvePlan(row.id, { id: null, name: 'alice' }, db.db));
    expect(own.status).toBe(403);
    expect(own.message).toMatch(/Nobody approves their own plan/);

    const approved = await approvePlan(row.id, { id: null, name: 'carol' }, db.db);
    expect(approved.status).toBe('approved');
    expect(approved.approvedBy).toBe('carol');
    const twice = await refusal(approvePlan(row.id, { id: null, name: 'dave' }, db.db));
    expect(twice.status).toBe(409);

    // An empty plan applies at once (nothing to lock or call).
    const { done } = await startApply(row.id, { id: null, name: 'alice' }, { db: db.db, requireApproval: true, wait: true, accessFor: (id) => ({ id }) });
    expect(done?.outcome).toBe('succeeded');
    expect((await getPlanRow(row.id, db.db))!.status).toBe('applied');
    const again = await refusal(startApply(row.id, { id: null, name: 'alice' }, { db: db.db, requireApproval: true, accessFor: (id) => ({ id }) }));
    expect(again.message).toMatch(/applied already/);

    const audit = (await listAuditEvents({}, db.db)).events.map((e) => `${e.action} ${e.actor} ${e.outcome}`).reverse();
    expect(audit).toEqual([
      'plan.apply alice denied',
      'plan.approve alice denied',
      'plan.approve carol success',
      'plan.apply alice success',
      'plan.apply alice success',
      'plan.apply alice failure',
    ]);
  });

  it('without the requirement an editor applies their own plan', async () => {
    const row = await plan('alice');
    const { done } = await startApply(row.id, { id: null, name: 'alice' }, { db: db.db, requireApproval: false, wait: true, accessFor: (id) => ({ id }) });
    expect(done?.outcome).toBe('succeeded');
  });
});
