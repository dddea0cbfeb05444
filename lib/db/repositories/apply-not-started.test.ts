// Issue 12, point 10: when the live read before an apply fails, the plan goes back to where it
// was (planned or approved), the reason is journaled, and the page and event stream end with it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyProgress, getPlanView, startApply } from '@/lib/plan/server';
import { planDiff } from '@/lib/plan/diff';
import { readLiveForPlan } from '@/lib/plan/runtime';
import { convergenceDesign, defaultNetwork, startLocalEstate, TEST_REGION, type LocalEstate } from '@/lib/testing/local-estate';
import { openDatabase, type OpenDatabase } from '../client';
import { listAuditEvents } from './audit';
import { getPlanRow, insertPlan, loadJournalRows, transitionPlan } from './plans';

const ACCOUNT = '310987654322';
const accessFor = (id: string) => ({ id });

describe('an apply that cannot read the live estate first', () => {
  let estate: LocalEstate;
  let db: OpenDatabase;
  beforeAll(async () => {
    estate = await startLocalEstate(ACCOUNT, { activationDelayMs: 0 });
    db = await openDatabase({ pgliteDir: 'memory://' });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await estate?.stop();
  });

  for (const before of ['approved', 'planned'] as const) {
    it(`goes back to ${before}, with the reason in the journal, the page and the event stream`, async () => {
      await estate.setFaults({ errorRate: 0 });
      const design = convergenceDesign(ACCOUNT, await defaultNetwork(ACCOUNT));
      const plan = planDiff(design, await readLiveForPlan([ACCOUNT], [TEST_REGION], accessFor));
      const row = await insertPlan(
        { designName: 'd', designVersion: 1, createdBy: 'alice', fingerprint: plan.fingerprint, summary: { ...plan.summary }, accounts: plan.accounts, regions: plan.regions, known: plan.known, warnings: plan.warnings },
        plan.operations,
        db.db,
      );
      if (before === 'approved') await transitionPlan(row.id, ['planned'], 'approved', { approvedBy: 'carol', approvedAt: new Date() }, db.db);

      await estate.setFaults({ errorRate: 1 }); // every call answers 5xx: the read fails
      const { done } = await startApply(row.id, { id: null, name: 'alice' }, { db: db.db, requireApproval: before === 'approved', wait: true, accessFor });
      await estate.setFaults({ errorRate: 0 });

      expect(done?.outcome).toBe('not-started');
      expect(done?.reason).toMatch(/^The apply did not start: reading the live estate first failed \(.+\)\. Nothing was changed; try again\.$/);
      const after = (await getPlanRow(row.id, db.db))!;
      expect(after.status).toBe(before);
      expect(after.outcome).toBe('not-started');
      const journal = await loadJournalRows(row.id, 0, db.db);
      expect(journal.map((j) => [j.opId, j.event])).toEqual([['*', 'refused']]);
      expect((await getPlanView(row.id, db.db)).stale?.message).toBe(done?.reason);
      const progress = await applyProgress(row.id, journal[0].id, db.db);
      expect(progress).toMatchObject({ status: before, outcome: 'not-started', reason: done?.reason });
      const audit = (await listAuditEvents({ action: 'plan.apply' }, db.db)).events;
      expect(audit[0].details).toMatchObject({ phase: 'finished', outcome: 'not-started', reason: done?.reason });

      // And it can be applied once the estate answers again (once: the design then exists).
      if (before === 'approved') return;
      const again = await startApply(row.id, { id: null, name: 'alice' }, { db: db.db, requireApproval: false, wait: true, accessFor });
      expect(again.done?.outcome).toBe('succeeded');
    }, 120_000);
  }
});
