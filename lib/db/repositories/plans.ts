import { and, asc, desc, eq, gt, inArray, sql } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import { applyJournal, applyLocks, planOperations, plans, type ApplyJournalRow, type ApplyLockRow, type PlanRow, type PlanStatus } from '../schema';

export type NewPlanRow = Omit<typeof plans.$inferInsert, 'id' | 'createdAt' | 'status'>;

/** Saves a plan and its operations together. */
export async function insertPlan(plan: NewPlanRow, operations: readonly { id: string }[], db?: Db): Promise<PlanRow> {
  const database = db ?? (await getDb());
  return database.transaction(async (tx) => {
    const [row] = await tx.insert(plans).values(plan).returning();
    const chunk = 500;
    for (let i = 0; i < operations.length; i += chunk) {
      await tx.insert(planOperations).values(operations.slice(i, i + chunk).map((op, j) => ({ planId: row.id, opId: op.id, seq: i + j, operation: op as unknown as Record<string, unknown> })));
    }
    return row;
  });
}

export async function getPlanRow(id: string, db?: Db): Promise<PlanRow | null> {
  const [row] = await (db ?? (await getDb())).select().from(plans).where(eq(plans.id, id));
  return row ?? null;
}

export async function getPlanOperations(planId: string, db?: Db): Promise<Record<string, unknown>[]> {
  const rows = await (db ?? (await getDb())).select({ operation: planOperations.operation }).from(planOperations).where(eq(planOperations.planId, planId)).orderBy(asc(planOperations.seq));
  return rows.map((r) => r.operation);
}

export async function listPlanRows(filter: { designId?: string; limit?: number } = {}, db?: Db): Promise<PlanRow[]> {
  return (db ?? (await getDb()))
    .select()
    .from(plans)
    .where(filter.designId ? eq(plans.designId, filter.designId) : undefined)
    .orderBy(desc(plans.createdAt))
    .limit(Math.min(filter.limit ?? 100, 500));
}

/** Moves a plan from one of `from` to `to`; null when it was in another status (someone else moved it first). */
export async function transitionPlan(id: string, from: readonly PlanStatus[], to: PlanStatus, set: Partial<typeof plans.$inferInsert> = {}, db?: Db): Promise<PlanRow | null> {
  const [row] = await (db ?? (await getDb()))
    .update(plans)
    .set({ ...set, status: to })
    .where(and(eq(plans.id, id), inArray(plans.status, [...from])))
    .returning();
  return row ?? null;
}

export async function updatePlanRow(id: string, set: Partial<typeof plans.$inferInsert>, db?: Db): Promise<PlanRow | null> {
  const [row] = await (db ?? (await getDb())).update(plans).set(set).where(eq(plans.id, id)).returning();
  return row ?? null;
}

export type NewJournalRow = Omit<typeof applyJournal.$inferInsert, 'id'>;

export async function appendJournalRow(entry: NewJournalRow, db?: Db): Promise<void> {
  await (db ?? (await getDb())).insert(applyJournal).values(entry);
}

/** A plan's journal in order; `afterId` returns only newer entries (for following an apply). */
export async function loadJournalRows(planId: string, afterId = 0, db?: Db): Promise<ApplyJournalRow[]> {
  return (db ?? (await getDb()))
    .select()
    .from(applyJournal)
    .where(and(eq(applyJournal.planId, planId), gt(applyJournal.id, afterId)))
    .orderBy(asc(applyJournal.id));
}

export type LockResult = { ok: true } | { ok: false; heldBy: ApplyLockRow };

/**
 * Takes the apply lock of every account, all or none: a row per account, free or with an
 * expired lease. Atomic on PostgreSQL (INSERT … ON CONFLICT … WHERE) across instances.
 */
export async function acquireApplyLocks(accounts: readonly string[], planId: string, owner: string, holder: string, leaseMs: number, db?: Db): Promise<LockResult> {
  const database = db ?? (await getDb());
  const sorted = [...new Set(accounts)].sort();
  if (!sorted.length) return { ok: true };
  const expires = sql`now() + (${leaseMs} * interval '1 millisecond')`;
  class Held extends Error {
    constructor(readonly row: ApplyLockRow) {
      super('held');
    }
  }
  try {
    await database.transaction(async (tx) => {
      for (const account of sorted) {
        const taken = await tx
          .insert(applyLocks)
          .values({ account, planId, owner, holder, expiresAt: expires })
          .onConflictDoUpdate({
            target: applyLocks.account,
            set: { planId, owner, holder, acquiredAt: sql`now()`, expiresAt: expires },
            setWhere: sql`${applyLocks.expiresAt} < now()`,
          })
          .returning({ account: applyLocks.account });
        if (!taken.length) {
          const [row] = await tx.select().from(applyLocks).where(eq(applyLocks.account, account));
          throw new Held(row);
        }
      }
    });
    return { ok: true };
  } catch (err) {
    if (err instanceof Held) return { ok: false, heldBy: err.row };
    throw err;
  }
}

/** Extends the lease; false when this holder no longer has every lock. */
export async function renewApplyLocks(holder: string, count: number, leaseMs: number, db?: Db): Promise<boolean> {
  const rows = await (db ?? (await getDb()))
    .update(applyLocks)
    .set({ expiresAt: sql`now() + (${leaseMs} * interval '1 millisecond')` })
    .where(eq(applyLocks.holder, holder))
    .returning({ account: applyLocks.account });
  return rows.length === count;
}

export async function releaseApplyLocks(holder: string, db?: Db): Promise<void> {
  await (db ?? (await getDb())).delete(applyLocks).where(eq(applyLocks.holder, holder));
}

export async function listApplyLocks(db?: Db): Promise<ApplyLockRow[]> {
  return (db ?? (await getDb())).select().from(applyLocks).orderBy(asc(applyLocks.account));
}
