import { and, desc, eq, gte, lt, lte, sql, type SQL } from 'drizzle-orm';
import { getDb, type Db } from '../client';
import { auditEvents, type AuditEventRow, type AuditOutcome } from '../schema';

export type AuditEvent = AuditEventRow;

export interface AuditInput {
  /** A signed-in user (`{ id, name }`), or a name such as `cli:root`, `system`, or a name tried at sign-in. */
  actor: { id?: string | null; name: string } | string;
  /** Dotted verb, area first: `user.create`, `token.revoke`, `auth.sign-in`, `plan.apply`. */
  action: string;
  /** What the action was on: a user name, a token label, an ARN, a plan id. */
  target?: string | null;
  outcome: AuditOutcome;
  /** Anything else worth keeping; never secrets (passwords, tokens, keys). */
  details?: Record<string, unknown>;
  address?: string | null;
  at?: Date;
}

/**
 * Writes one audit event. Every mutation in Trellis calls this, successful or not. Pass the
 * transaction as `db` when the event must commit or roll back with the change it records.
 */
export async function recordAudit(event: AuditInput, db?: Db): Promise<AuditEvent> {
  const actor = typeof event.actor === 'string' ? { id: null, name: event.actor } : event.actor;
  const [row] = await (db ?? (await getDb()))
    .insert(auditEvents)
    .values({
      actorId: actor.id ?? null,
      actor: actor.name,
      action: event.action,
      target: event.target ?? null,
      outcome: event.outcome,
      details: event.details ?? {},
      address: event.address ?? null,
      ...(event.at ? { at: event.at } : {}),
    })
    .returning();
  return row;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  outcome?: AuditOutcome;
  from?: Date;
  to?: Date;
  /** Cursor: only events with a smaller id (older), for the next page. */
  beforeId?: number;
  limit?: number;
}

/** Events matching the filter, newest first, and the cursor for the next (older) page. */
export async function listAuditEvents(filter: AuditFilter, db?: Db): Promise<{ events: AuditEvent[]; nextBeforeId: number | null }> {
  const limit = Math.min(Math.max(filter.limit ?? 100, 1), 500);
  const where: SQL[] = [];
  if (filter.actor) where.push(eq(auditEvents.actor, filter.actor));
  if (filter.action) where.push(eq(auditEvents.action, filter.action));
  if (filter.outcome) where.push(eq(auditEvents.outcome, filter.outcome));
  if (filter.from) where.push(gte(auditEvents.at, filter.from));
  if (filter.to) where.push(lte(auditEvents.at, filter.to));
  if (filter.beforeId) where.push(lt(auditEvents.id, filter.beforeId));
  const rows = await (db ?? (await getDb()))
    .select()
    .from(auditEvents)
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditEvents.id))
    .limit(limit + 1);
  const more = rows.length > limit;
  const events = more ? rows.slice(0, limit) : rows;
  return { events, nextBeforeId: more ? events[events.length - 1].id : null };
}

/** The actors and actions that occur in the log, for filter menus. */
export async function listAuditFacets(db?: Db): Promise<{ actors: string[]; actions: string[] }> {
  const database = db ?? (await getDb());
  const actors = await database.selectDistinct({ v: auditEvents.actor }).from(auditEvents).orderBy(auditEvents.actor);
  const actions = await database.selectDistinct({ v: auditEvents.action }).from(auditEvents).orderBy(sql`1`);
  return { actors: actors.map((r) => r.v), actions: actions.map((r) => r.v) };
}
