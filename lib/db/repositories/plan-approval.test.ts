// Approval when TRELLIS_REQUIRE_APPROVAL is on: a plan is applied only once an approver who
// did not make it has approved it; every step is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RequestError } from '@/lib/auth/errors';
import { approvePlan, startApply } from '@/lib/plan/server';
import { openDatabase, type OpenDatabase } from '../client';
import { listAuditEvents, recordAudit } from './audit';
import { insertDesign } from './designs';
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

describe('four eyes (issue 12, point 7)', () => {
  async function designedPlan(steps: { actor: string; action: 'design.create' | 'design.save' | 'design.duplicate'; target?: string; details?: Record<string, unknown> }[], planBy: string) {
    const design = await insertDesign({ name: 'shared', document: {}, createdBy: steps[0].actor }, db.db);
    const t0 = Date.now() - 60_000;
    for (const [i, s] of steps.entries()) {
      await recordAudit({ actor: s.actor, action: s.action, target: s.target ?? design.id, outcome: 'success', details: s.details ?? {}, at: new Date(t0 + i * 1000) }, db.db);
    }
    const row = await insertPlan(
      { designId: design.id, designName: 'shared', designVersion: steps.length, createdBy: planBy, fingerprint: { digest: 'x', entries: {} }, summary: {}, accounts: [], regions: [], known: {}, warnings: [] },
      [],
      db.db,
    );
    return { design, row };
  }

  it('refuses an approver who saved a version of the plan\'s design, even when someone else made the plan', async () => {
    // mallory (an approver and editor) slips a change into alice's design; alice plans it; mallory approves.
    const { row } = await designedPlan([{ actor: 'alice', action: 'design.create' }, { actor: 'mallory', action: 'design.save', details: { version: 2 } }, { actor: 'alice', action: 'design.save', details: { version: 3 } }], 'alice');
    const err = await refusal(approvePlan(row.id, { id: null, name: 'mallory' }, db.db));
    expect(err.status).toBe(403);
    expect(err.message).toMatch(/helped write/);
    expect((await approvePlan(row.id, { id: null, name: 'carol' }, db.db)).approvedBy).toBe('carol');
  });

  it('follows a duplicate back to the design it was copied from', async () => {
    const source = await insertDesign({ name: 'source', document: {}, createdBy: 'mallory' }, db.db);
    await recordAudit({ actor: 'mallory', action: 'design.create', target: source.id, outcome: 'success', at: new Date(Date.now() - 120_000) }, db.db);
    const { row } = await designedPlan([{ actor: 'alice', action: 'design.duplicate', details: { from: source.id } }], 'alice');
    expect((await refusal(approvePlan(row.id, { id: null, name: 'mallory' }, db.db))).status).toBe(403);
  });
});
