import 'server-only';
// Plans as the console runs them: computed from a saved design (./designs), saved in the
// database, audited, and applied in the background so an apply outlives the request that
// started it (its progress is read back from the journal by whoever asks, on any console
// instance).
import { accessOf } from '@/lib/aws';
import { askEstateRefresh, loadAccounts } from '@/lib/estate/server';
import type { Actor } from '@/lib/auth';
import { can, type Role } from '@/lib/auth/roles';
import { conflict, forbidden, notFound } from '@/lib/auth/errors';
import { describeErrorForLog, inTransaction } from '@/lib/db';
import { jobQueue } from '@/lib/jobs';
import type { Db } from '@/lib/db/client';
import { recordAudit } from '@/lib/db/repositories/audit';
import { designAuthorsBefore } from '@/lib/db/repositories/design-authors';
import { getPlanOperations, getPlanRow, insertPlan, listApplyLocks, listPlanRows, loadJournalRows, transitionPlan, updatePlanRow } from '@/lib/db/repositories/plans';
import type { PlanRow, PlanStatus } from '@/lib/db/schema';
import type { Topology } from '@/lib/topology';
import { createKeyResolver, GLOBAL_REGION, liveRecords, validateDesign } from '@/lib/topology/design';
import { applyPlan, statesFromJournal, type ApplyOutcome, type ApplyPlan, type ApplyResult, type CallResult, type OperationState } from './apply';
import { getDesign } from './designs';
import { planDiff } from './diff';
import { shareEditScope } from './sharing';
import { DesignInvalidError, PlanError } from './errors';
import { awsApplyPorts, readLiveForPlan, rolesOfKeys, type AccessFor } from './runtime';
import type { PlanOperation, PlanSummary } from './types';
import { foldTimings, type OperationTiming } from './timings';
import { fingerprintKeys, type FingerprintChange } from './fingerprint';
import { authPolicyIssues } from '@/lib/access-server/policy-issues';
import { resolvePolicyRefs } from '@/lib/topology/design/policy-refs';

/** How the console reaches each account: configured roles, else the base credentials. */
export async function consoleAccessFor(): Promise<{ accessFor: AccessFor; readable: string[] }> {
  const view = await loadAccounts();
  const enabled = view.accounts.filter((a) => a.enabled);
  const map = new Map(enabled.map((a) => [a.id, accessOf(a)]));
  return { accessFor: (id) => map.get(id) ?? { id }, readable: enabled.map((a) => a.id) };
}

// ---- Plans --------------------------------------------------------------------------------

export interface PlanDto {
  id: string;
  designId: string | null;
  designName: string;
  designVersion: number;
  status: PlanStatus;
  createdBy: string;
  createdAt: string;
  summary: PlanSummary;
  accounts: string[];
  regions: string[];
  warnings: string[];
  approvedBy: string | null;
  approvedAt: string | null;
  appliedBy: string | null;
  applyStartedAt: string | null;
  applyFinishedAt: string | null;
  outcome: string | null;
}

function planDto(row: PlanRow): PlanDto {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: row.id,
    designId: row.designId,
    designName: row.designName,
    designVersion: row.designVersion,
    status: row.status,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    summary: row.summary as unknown as PlanSummary,
    accounts: row.accounts,
    regions: row.regions,
    warnings: row.warnings,
    approvedBy: row.approvedBy,
    approvedAt: iso(row.approvedAt),
    appliedBy: row.appliedBy,
    applyStartedAt: iso(row.applyStartedAt),
    applyFinishedAt: iso(row.applyFinishedAt),
    outcome: row.outcome,
  };
}

/** Plans a design against a fresh read of the accounts it touches, and saves the plan. */
export async function createPlan(designId: string, actor: Actor, db?: Db): Promise<PlanDto> {
  const design = await getDesign(designId, db);
  const doc = design.document;
  const records = Object.values(doc.records);
  const errors = validateDesign(doc).filter((i) => i.severity === 'error');
  if (errors.length) throw new DesignInvalidError(errors);
  // Auth policies as IAM checks them; a template's placeholder is never planned.
  const policyErrors = authPolicyIssues(doc).filter((i) => i.severity === 'error');
  if (policyErrors.length) throw new DesignInvalidError(policyErrors);
  const { accessFor, readable } = await consoleAccessFor();
  const sharing = shareEditScope(doc.shares ?? []);
  const accounts = [...new Set([...records.map((r) => r.account), ...sharing.accounts])].sort();
  // IAM records are global: they add an account to read, not a Region.
  const regional = [...new Set([...records.filter((r) => r.region !== GLOBAL_REGION).map((r) => r.region), ...sharing.regions])].sort();
  const regions = regional.length ? regional : [doc.defaults.region];
  const roles = rolesOfKeys(records.filter((r) => r.kind === 'iamRole' || r.kind === 'iamRolePolicy').map((r) => createKeyResolver(new Map(Object.entries(doc.records))).keyOfRecord(r)));
  try {
    for (const a of accounts) if (!readable.includes(a)) throw new PlanError(`The design acts in account ${a}, which this console is not configured to reach.`);
    const live = accounts.length ? await readLiveForPlan(accounts, regions, accessFor, readable, roles) : { nodes: [], edges: [], errors: [] };
    const liveErrors = validateDesign(doc, { live: liveRecords(live) }).filter((i) => i.severity === 'error');
    if (liveErrors.length) throw new DesignInvalidError(liveErrors);
    // ${service.arn} in a policy: filled in here for resources that exist, at apply for those the plan creates.
    const plan = planDiff(resolvePolicyRefs(doc, live).design, live, { readableAccounts: readable, accountNames: new Map((await loadAccounts()).accounts.map((a) => [a.id, a.name])) });
    const row = await insertPlan(
      { designId, designName: design.name, designVersion: design.version, createdBy: actor.name, createdById: actor.id ?? null, fingerprint: plan.fingerprint, summary: { ...plan.summary }, accounts: plan.accounts, regions: plan.regions, known: plan.known, warnings: plan.warnings },
      plan.operations,
      db,
    );
    await recordAudit({ actor, action: 'plan.create', target: row.id, outcome: 'success', details: { design: designId, designVersion: design.version, operations: plan.operations.length, summary: plan.summary } }, db);
    return planDto(row);
  } catch (err) {
    if (err instanceof PlanError || err instanceof DesignInvalidError) {
      await recordAudit({ actor, action: 'plan.create', target: designId, outcome: 'failure', details: { reason: err.message } }, db);
    }
    throw err;
  }
}

export async function listPlans(filter: { designId?: string } = {}, db?: Db): Promise<PlanDto[]> {
  return (await listPlanRows(filter, db)).map(planDto);
}

/**
 * Plans waiting for this user's approval: computed by someone else and not yet approved,
 * when the console requires approval and the user may approve. Empty otherwise.
 */
export async function plansAwaitingApproval(user: { name: string; roles: readonly Role[] }, requireApproval: boolean, db?: Db): Promise<PlanDto[]> {
  if (!requireApproval || !can(user, 'approver')) return [];
  return (await listPlans({}, db)).filter((p) => p.status === 'planned' && p.createdBy !== user.name && p.summary && Object.values(p.summary).some((n) => n > 0));
}

export interface PlanView {
  plan: PlanDto;
  operations: PlanOperation[];
  states: Record<string, OperationState>;
  messages: Record<string, string>;
  outputs: Record<string, CallResult>;
  /** When each operation started and finished, from the journal. */
  timings: Record<string, OperationTiming>;
  /** The last journal entry read, for following an apply from there. */
  journalCursor: number;
  /** Why the last apply was refused as stale: the resources that changed. */
  stale?: { message: string; changes: FingerprintChange[] };
  /** Accounts locked by another apply right now. */
  lockedBy: { account: string; planId: string; owner: string; expiresAt: string }[];
}

export async function getPlanView(id: string, db?: Db): Promise<PlanView> {
  const row = await getPlanRow(id, db);
  if (!row) throw notFound(`No plan ${id}.`);
  const operations = (await getPlanOperations(id, db)) as unknown as PlanOperation[];
  const journal = await loadJournalRows(id, 0, db);
  const entries = journal.map((j) => ({ planId: j.planId, opId: j.opId, event: j.event as never, message: j.message ?? undefined, output: j.output ?? undefined, at: j.at }));
  const { states, messages, outputs } = statesFromJournal({ operations }, entries);
  const refused = [...journal].reverse().find((j) => j.opId === '*' && j.event === 'refused');
  const locks = await listApplyLocks(db);
  const view: PlanView = {
    plan: planDto(row),
    operations,
    states,
    messages,
    outputs,
    timings: foldTimings({}, journal),
    journalCursor: journal.length ? journal[journal.length - 1].id : 0,
    lockedBy: locks.filter((l) => row.accounts.includes(l.account) && l.expiresAt > new Date()).map((l) => ({ account: l.account, planId: l.planId, owner: l.owner, expiresAt: l.expiresAt.toISOString() })),
  };
  if (refused?.message) {
    try {
      view.stale = JSON.parse(refused.message);
    } catch {
      view.stale = { message: refused.message, changes: [] };
    }
  }
  return view;
}

/**
 * An approver approves someone else's plan: never one they made, nor one whose design holds a
 * version they saved (four eyes: the approver wrote none of what is approved).
 */
export async function approvePlan(id: string, actor: Actor, db?: Db): Promise<PlanDto> {
  const row = await getPlanRow(id, db);
  if (!row) throw notFound(`No plan ${id}.`);
  if (row.createdBy === actor.name) {
    await recordAudit({ actor, action: 'plan.approve', target: id, outcome: 'denied', details: { reason: 'own plan' } }, db);
    throw forbidden('Nobody approves their own plan: ask another approver.');
  }
  if (row.designId && (await designAuthorsBefore(row.designId, row.createdAt, db)).includes(actor.name)) {
    await recordAudit({ actor, action: 'plan.approve', target: id, outcome: 'denied', details: { reason: 'author of the design' } }, db);
    throw forbidden('Nobody approves a plan whose design they helped write (they saved a version of it): ask another approver.');
  }
  const moved = await transitionPlan(id, ['planned'], 'approved', { approvedBy: actor.name, approvedAt: new Date() }, db);
  if (!moved) throw conflict(`The plan is ${row.status}; only a planned plan can be approved.`);
  await recordAudit({ actor, action: 'plan.approve', target: id, outcome: 'success', details: { createdBy: row.createdBy } }, db);
  return planDto(moved);
}

const running = globalThis as typeof globalThis & { __trellisApplies?: Map<string, Promise<ApplyResult>> };
const applies = (running.__trellisApplies ??= new Map());

// null: back to the status it had before (planned or approved).
const STATUS_AFTER: Record<ApplyOutcome, PlanStatus | null> = { succeeded: 'applied', failed: 'failed', stale: 'stale', locked: null, interrupted: 'applying', 'not-started': null };

export interface StartOptions {
  requireApproval: boolean;
  db?: Db;
  accessFor?: AccessFor;
  leaseMs?: number;
  /** Wait for the apply to finish (the CLI and tests); the console returns at once. */
  wait?: boolean;
  lockWaitMs?: number;
  concurrency?: number;
  pollMs?: number;
  /** Refresh the console's snapshot afterwards, so the canvas shows the result. */
  refresh?: boolean;
}

/**
 * Starts (or resumes) applying a plan. Refuses a plan that is finished, stale, or, when
 * approval is required, not approved. An interrupted apply (status still `applying`, its
 * lock expired) resumes from its journal. The apply itself runs as a job (lib/jobs): on
 * PostgreSQL any console instance may take it up; `wait` runs it here and waits (the CLI, tests).
 */
export async function startApply(id: string, actor: Actor, options: StartOptions): Promise<{ resumed: boolean; done?: ApplyResult }> {
  const db = options.db;
  const row = await getPlanRow(id, db);
  if (!row) throw notFound(`No plan ${id}.`);
  if (applies.has(id)) throw conflict('This plan is being applied by this console right now.');
  const refuse = async (message: string, status = 409) => {
    await recordAudit({ actor, action: 'plan.apply', target: id, outcome: status === 403 ? 'denied' : 'failure', details: { reason: message } }, db);
    throw status === 403 ? forbidden(message) : conflict(message);
  };
  if (row.status === 'applied') await refuse('This plan was applied already; plan again to make further changes.');
  if (row.status === 'stale') await refuse('This plan is stale: the live estate changed after it was computed. Plan again.');
  if (row.status === 'failed') await refuse('This plan finished with failures; plan again to retry what is left.');
  if (options.requireApproval && row.status === 'planned') await refuse('This plan needs an approver\'s approval before it is applied.', 403);
  const resumed = row.status === 'applying';
  if (resumed) {
    const active = await activeLockOf(id, db);
    if (active) await refuse(`This plan is being applied by ${active.owner} (another console instance); its progress shows here.`);
  }
  const from: PlanStatus[] = resumed ? ['applying'] : options.requireApproval ? ['approved'] : ['planned', 'approved'];
  const moved = await transitionPlan(id, from, 'applying', { appliedBy: actor.name, ...(resumed ? {} : { applyStartedAt: new Date() }), outcome: null }, db);
  if (!moved) await refuse('Someone else started or changed this plan a moment ago; reload it.');
  await recordAudit({ actor, action: 'plan.apply', target: id, outcome: 'success', details: { phase: resumed ? 'resumed' : 'started', accounts: row.accounts } }, db);
  const statusBefore = row.status as 'planned' | 'approved' | 'applying';
  if (options.wait) return { resumed, done: (await runApply(id, actor, statusBefore, options)) ?? undefined };
  await (await jobQueue()).send('plan-apply', { planId: id, actor: actor.name, statusBefore });
  return { resumed };
}

/**
 * Runs the apply of a plan already moved to `applying` from `statusBefore` (where it goes back
 * to if the apply does not start): the `plan-apply` job's work, on
 * whichever instance took the job. Returns null, doing nothing, when there is nothing to run
 * here: the plan is no longer `applying`, or it is being applied (by this process, or by
 * another instance whose lease is live).
 */
export async function runApply(id: string, actor: Actor, statusBefore: PlanStatus, options: Omit<StartOptions, 'requireApproval'>): Promise<ApplyResult | null> {
  const db = options.db;
  const row = await getPlanRow(id, db);
  if (!row || row.status !== 'applying' || applies.has(id) || (await activeLockOf(id, db))) return null;
  const operations = (await getPlanOperations(id, db)) as unknown as PlanOperation[];
  const plan: ApplyPlan = { id, operations, fingerprint: row.fingerprint, accounts: row.accounts, regions: row.regions, known: row.known };
  const console_ = options.accessFor ? null : await consoleAccessFor();
  const accessFor = options.accessFor ?? console_!.accessFor;
  const work = (async (): Promise<ApplyResult | null> => {
    let result: ApplyResult;
    try {
      result = await applyPlan(plan, awsApplyPorts({ db, accessFor, leaseMs: options.leaseMs, alsoRead: console_?.readable, roles: rolesOfKeys(fingerprintKeys(plan.fingerprint)) }), {
        owner: actor.name,
        lockWaitMs: options.lockWaitMs,
        concurrency: options.concurrency,
        pollMs: options.pollMs,
        // Once it holds the lock: which instance runs an apply, in that instance's log.
        onEvent: (e) => e.type === 'started' && !options.wait && console.log(`trellis: applying plan ${id} in process ${process.pid}${e.resumed ? ' (resumed from its journal)' : ''}`),
      });
    } catch (err) {
      // Unexpected (the database went away): the plan stays `applying` and resumes later.
      await recordAudit({ actor, action: 'plan.apply', target: id, outcome: 'failure', details: { phase: 'finished', outcome: 'interrupted', reason: (err as Error).message } }, db).catch(() => undefined);
      throw err;
    }
    // Another instance took this plan's apply up a moment ago: it finishes it.
    if (result.outcome === 'locked' && result.lockHolder?.planId === id) return null;
    const next = STATUS_AFTER[result.outcome] ?? statusBefore;
    // The refresh that shows the result (a job, on whichever instance takes it) is asked for
    // before the plan says it is done: a page that reads the estate once it sees the end is
    // told a newer snapshot is coming.
    if (options.refresh && result.outcome !== 'stale' && result.outcome !== 'locked') {
      await askEstateRefresh(actor.name, { fresh: true, unmetered: true }).catch((err: Error) => console.error(`trellis: could not ask for the refresh after plan ${id}: ${err.message}`));
    }
    await updatePlanRow(id, { status: next, outcome: result.outcome, ...(result.outcome === 'interrupted' ? {} : { applyFinishedAt: new Date() }) }, db);
    const failed = Object.values(result.states).filter((s) => s === 'failed').length;
    await recordAudit(
      { actor, action: 'plan.apply', target: id, outcome: result.outcome === 'succeeded' ? 'success' : 'failure', details: { phase: 'finished', outcome: result.outcome, failed, ...(result.staleChanges ? { changed: result.staleChanges.length } : {}), ...(result.lockHolder ? { lockedBy: result.lockHolder.planId } : {}), ...(result.reason ? { reason: result.reason } : {}) } },
      db,
    );
    return result;
  })();
  applies.set(id, work);
  try {
    return await work;
  } catch (err) {
    console.error(`trellis: apply of plan ${id} stopped: ${describeErrorForLog(err)}`);
    throw err;
  } finally {
    applies.delete(id);
  }
}

async function activeLockOf(planId: string, db?: Db) {
  const now = new Date();
  return (await listApplyLocks(db)).find((l) => l.planId === planId && l.expiresAt > now);
}

/**
 * Plans left `applying` by an instance that stopped: no live lock, and nothing heard from the
 * apply (lock, journal, start) for a lease. The sweep job queues their resumption.
 */
export async function appliesToResume(leaseMs: number, db?: Db, now = new Date()): Promise<PlanRow[]> {
  const locks = await listApplyLocks(db);
  const out: PlanRow[] = [];
  for (const row of (await listPlanRows({ limit: 500 }, db)).filter((p) => p.status === 'applying')) {
    const mine = locks.filter((l) => l.planId === row.id);
    if (mine.some((l) => l.expiresAt > now)) continue;
    const journal = await loadJournalRows(row.id, 0, db);
    const heard = Math.max(row.applyStartedAt?.getTime() ?? 0, journal.length ? journal[journal.length - 1].at.getTime() : 0);
    const lockEnded = Math.max(0, ...mine.map((l) => l.expiresAt.getTime()));
    if (now.getTime() >= Math.max(heard + leaseMs, lockEnded)) out.push(row);
  }
  return out;
}

/** Plans left `applying` by a console that stopped (their lock expired): resume each. */
export async function resumeInterruptedApplies(options: StartOptions): Promise<string[]> {
  const locks = await listApplyLocks(options.db);
  const rows = (await listPlanRows({ limit: 500 }, options.db)).filter((p) => p.status === 'applying' && !locks.some((l) => l.planId === p.id && l.expiresAt > new Date()));
  const resumed: string[] = [];
  for (const row of rows) {
    try {
      await startApply(row.id, { id: null, name: row.appliedBy ?? 'system' }, options);
      resumed.push(row.id);
    } catch (err) {
      console.error(`trellis: could not resume plan ${row.id}: ${describeErrorForLog(err)}`);
    }
  }
  return resumed;
}

function notStartedReason(entries: { opId: string; event: string; message: string | null }[]): string | undefined {
  const refused = [...entries].reverse().find((e) => e.opId === '*' && e.event === 'refused');
  if (!refused?.message) return undefined;
  try {
    return (JSON.parse(refused.message) as { message?: string }).message ?? refused.message;
  } catch {
    return refused.message;
  }
}

/** Journal entries after `cursor`, with the plan's status: what the apply page streams. */
export async function applyProgress(id: string, cursor: number, db?: Db) {
  const row = await getPlanRow(id, db);
  if (!row) throw notFound(`No plan ${id}.`);
  const entries = await loadJournalRows(id, cursor, db);
  const reason = row.outcome === 'not-started' ? notStartedReason(await loadJournalRows(id, 0, db)) : undefined;
  return { status: row.status, outcome: row.outcome, ...(reason ? { reason } : {}), entries: entries.map((e) => ({ id: e.id, opId: e.opId, event: e.event, message: e.message, output: e.output, at: e.at.toISOString() })) };
}
