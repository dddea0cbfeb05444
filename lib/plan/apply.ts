// Apply: runs a saved plan's operations against the APIs, safely.
// - one apply per account at a time (a database lock with a lease, across console instances);
// - refuses a plan whose live state changed since it was computed (re-plan);
// - journals every operation before and after its call, with its clientToken;
// - resumes an interrupted apply: finished operations are skipped, half-done ones are found
//   in the live estate by natural key (or replayed with the same clientToken), never made twice;
// - runs independent operations concurrently (bounded) and skips the dependents of a failure;
// - waits for asynchronous resources to become ACTIVE (or gone), with a timeout.
// The ports (SDK calls, live reads, journal, lock) are passed in: lib/plan/runtime.ts wires
// the real ones; tests use the same code against lattice-local.
import type { Json, JsonObject, Topology } from '@/lib/topology';
import { liveRecords } from '@/lib/topology/design';
import { fingerprintChanges, fingerprintKeys, fingerprintOf, indexLive, type FingerprintChange, type LiveIndex } from './fingerprint';
import { clientTokenFor } from './token';
import { withShareStates } from './sharing';
import type { InputRef, PlanOperation, StoredFingerprint } from './types';
import { compactPolicy, fillPolicyRefs } from '@/lib/topology/design/policy-refs';

export interface ApplyPlan {
  id: string;
  operations: PlanOperation[];
  fingerprint: StoredFingerprint;
  accounts: string[];
  regions: string[];
  known: Record<string, { arn: string; id?: string }>;
}

/** What a call or a lookup says about the resource an operation made. */
export interface CallResult {
  arn?: string;
  id?: string;
}

export type JournalEvent = 'started' | 'called' | 'succeeded' | 'adopted' | 'failed' | 'skipped' | 'refused' | 'finished';

export interface JournalEntry {
  planId: string;
  /** The operation, or `*` for the apply as a whole. */
  opId: string;
  event: JournalEvent;
  clientToken?: string;
  input?: JsonObject;
  output?: CallResult;
  message?: string;
  at: Date;
}

export interface JournalPort {
  load(planId: string): Promise<JournalEntry[]>;
  append(entry: JournalEntry): Promise<void>;
}

export interface LockHandle {
  /** Extends the lease; false when it was lost (another instance took it over after it expired). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

export interface LockHolder {
  account: string;
  planId: string;
  owner: string;
  acquiredAt: Date;
  expiresAt: Date;
}

export class LockHeldError extends Error {
  constructor(readonly holder: LockHolder) {
    super(`Account ${holder.account} is being changed by plan ${holder.planId} (started by ${holder.owner} at ${holder.acquiredAt.toISOString()}); try again when it finishes.`);
    this.name = 'LockHeldError';
  }
}

export interface LockPort {
  /** Takes the lock of every account (all or none), or throws LockHeldError. */
  acquire(accounts: readonly string[], planId: string, owner: string): Promise<LockHandle>;
  /** Lease length: renewed every third of it. */
  leaseMs: number;
}

export interface ErrorInfo {
  code: string;
  message: string;
  /** Worth another try: throttling, 5xx, network. */
  retryable: boolean;
  notFound: boolean;
}

export interface ApplyPorts {
  call(op: PlanOperation, input: JsonObject): Promise<CallResult>;
  /** The resource's status word (ACTIVE, CREATE_IN_PROGRESS, available…), or `gone`. */
  status(op: PlanOperation, result: CallResult): Promise<string>;
  readLive(accounts: readonly string[], regions: readonly string[]): Promise<Topology>;
  describeError(err: unknown): ErrorInfo;
  journal: JournalPort;
  lock: LockPort;
  sleep?: (ms: number) => Promise<void>;
}

export type OperationState = 'pending' | 'running' | 'waiting' | 'succeeded' | 'failed' | 'skipped';

export type ApplyEvent =
  | { type: 'started'; planId: string; resumed: boolean; operations: number }
  | { type: 'refused'; planId: string; reason: 'stale' | 'locked' | 'unreadable'; message: string; changes?: FingerprintChange[] }
  | { type: 'operation'; planId: string; opId: string; state: OperationState; message?: string; output?: CallResult }
  | { type: 'finished'; planId: string; outcome: ApplyOutcome; counts: Record<OperationState, number> };

/** `not-started`: the live estate could not be read before the first call; nothing was changed. */
export type ApplyOutcome = 'succeeded' | 'failed' | 'stale' | 'locked' | 'interrupted' | 'not-started';

export interface ApplyOptions {
  /** Operations in flight at once. */
  concurrency?: number;
  /** Longest wait for one resource to become ACTIVE or gone. */
  waitTimeoutMs?: number;
  pollMs?: number;
  /** Who runs it (user name), for the lock. */
  owner?: string;
  /** Retries of a call that failed with a retryable error, beyond the SDK's own. */
  retries?: number;
  onEvent?: (event: ApplyEvent) => void;
  /** Stops starting operations (a console shutting down); running ones finish. */
  signal?: AbortSignal;
  /** How long to wait for another apply to release an account; 0 refuses at once. */
  lockWaitMs?: number;
}

export interface ApplyResult {
  outcome: ApplyOutcome;
  states: Record<string, OperationState>;
  messages: Record<string, string>;
  staleChanges?: FingerprintChange[];
  lockHolder?: LockHolder;
  /** Why the apply did not start (outcome `not-started`). */
  reason?: string;
}

const ACTIVE_WORDS = new Set(['ACTIVE', 'AVAILABLE']);

function isRef(v: unknown): v is InputRef {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as InputRef).$ref === 'string';
}

/** The input with every `{ $ref }` replaced by the ARN (or id) of what it names. */
export function resolveInput(input: JsonObject, outputs: ReadonlyMap<string, CallResult>, known: ApplyPlan['known']): JsonObject {
  const walk = (v: Json): Json => {
    if (isRef(v)) {
      const found = outputs.get(v.$ref) ?? known[v.$ref];
      const value = found?.[v.attr] ?? (v.attr === 'id' ? undefined : found?.arn);
      if (!value) throw new Error(`the resource ${v.$ref} has not been created`);
      return value;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(input) as JsonObject;
}

function isCreate(op: PlanOperation): boolean {
  return op.action === 'create' || op.action === 'associate';
}

function isDelete(op: PlanOperation): boolean {
  return op.action === 'delete' || op.action === 'disassociate' || op.action === 'deletePolicy';
}

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function applyPlan(plan: ApplyPlan, ports: ApplyPorts, options: ApplyOptions = {}): Promise<ApplyResult> {
  const emit = options.onEvent ?? (() => {});
  const sleep = ports.sleep ?? defaultSleep;
  const owner = options.owner ?? 'trellis';
  const states: Record<string, OperationState> = Object.fromEntries(plan.operations.map((o) => [o.id, 'pending' as OperationState]));
  const messages: Record<string, string> = {};
  const journal = (entry: Omit<JournalEntry, 'planId' | 'at'>) => ports.journal.append({ planId: plan.id, at: new Date(), ...entry });

  let lock: LockHandle | undefined;
  const lockDeadline = Date.now() + (options.lockWaitMs ?? 0);
  while (!lock) {
    try {
      lock = await ports.lock.acquire(plan.accounts, plan.id, owner);
    } catch (err) {
      if (!(err instanceof LockHeldError)) throw err;
      if (Date.now() >= lockDeadline) {
        emit({ type: 'refused', planId: plan.id, reason: 'locked', message: err.message });
        return { outcome: 'locked', states, messages, lockHolder: err.holder };
      }
      await sleep(Math.min(1000, Math.max(50, lockDeadline - Date.now())));
    }
  }
  const held = lock;

  let lostLock = false;
  const heartbeat = setInterval(() => {
    held.renew().then(
      (ok) => {
        if (!ok) lostLock = true;
      },
      () => {
        lostLock = true;
      },
    );
  }, Math.max(50, Math.floor(ports.lock.leaseMs / 3)));
  heartbeat.unref?.();

  try {
    const past = await ports.journal.load(plan.id);
    const resumed = past.length > 0;
    const outputs = new Map<string, CallResult>();
    const prior = new Map<string, { event: JournalEvent; output?: CallResult }>();
    for (const e of past) {
      if (e.opId === '*') continue;
      prior.set(e.opId, { event: e.event, output: e.output ?? prior.get(e.opId)?.output });
    }

    let liveIdx: LiveIndex | undefined;
    if (!resumed) {
      let live: Topology;
      try {
        live = await ports.readLive(plan.accounts, plan.regions);
      } catch (err) {
        // Nothing has been called: say why, in the journal (the page and the event stream read
        // it), and let the plan go back to where it was.
        const info = ports.describeError(err);
        const message = `The apply did not start: reading the live estate first failed (${info.message}). Nothing was changed; try again.`;
        await journal({ opId: '*', event: 'refused', message: JSON.stringify({ message, changes: [] }) });
        emit({ type: 'refused', planId: plan.id, reason: 'unreadable', message });
        return { outcome: 'not-started', states, messages, reason: message };
      }
      liveIdx = indexLive(liveRecords(live));
      const now = withShareStates(fingerprintOf(fingerprintKeys(plan.fingerprint), liveIdx, { keySpace: 'entries' in plan.fingerprint }), live);
      const changes = fingerprintChanges(plan.fingerprint, now);
      if (changes.length) {
        const message = `The live state changed since the plan was computed (${changes.length} resource${changes.length === 1 ? '' : 's'}): re-plan.`;
        await journal({ opId: '*', event: 'refused', message: JSON.stringify({ message, changes }) });
        emit({ type: 'refused', planId: plan.id, reason: 'stale', message, changes });
        return { outcome: 'stale', states, messages, staleChanges: changes };
      }
    } else if ([...prior.values()].some((p) => p.event === 'started')) {
      // Half-done operations are looked up in the live estate before anything is sent again.
      liveIdx = indexLive(liveRecords(await ports.readLive(plan.accounts, plan.regions)));
    }

    for (const op of plan.operations) {
      const p = prior.get(op.id);
      if (!p) continue;
      if (p.event === 'succeeded' || p.event === 'adopted') states[op.id] = 'succeeded';
      else if (p.event === 'failed') states[op.id] = 'failed';
      else if (p.event === 'skipped') states[op.id] = 'skipped';
      if (states[op.id] === 'succeeded' && isCreate(op) && p.output) outputs.set(op.key, p.output);
    }
    emit({ type: 'started', planId: plan.id, resumed, operations: plan.operations.length });

    const byId = new Map(plan.operations.map((o) => [o.id, o]));
    const concurrency = Math.max(1, options.concurrency ?? 8);
    const running = new Set<Promise<void>>();

    const runOperation = async (op: PlanOperation): Promise<void> => {
      states[op.id] = 'running';
      emit({ type: 'operation', planId: plan.id, opId: op.id, state: 'running' });
      const token = op.tokenField ? clientTokenFor(plan.id, op.id) : undefined;
      try {
        const before = prior.get(op.id);
        let output: CallResult | undefined = before?.event === 'called' ? before.output : undefined;
        if (!output && before?.event === 'started' && isCreate(op)) {
          const found = liveIdx?.byKey.get(op.key);
          if (found) {
            output = { arn: found.arn ?? found.id };
            await journal({ opId: op.id, event: 'adopted', output, message: 'found in the live estate after an interruption' });
          }
        }
        if (!output) {
          const input = resolveInput(op.input, outputs, plan.known);
          // A policy written for a resource of the same design names it as ${service.arn}: filled in now its ARN is
          // known, and sent on one line (Lattice refuses newlines in auth policies).
          if (op.call === 'PutAuthPolicy' && typeof input.policy === 'string' && typeof input.resourceIdentifier === 'string') input.policy = compactPolicy(fillPolicyRefs(input.policy, input.resourceIdentifier));
          if (token && op.tokenField) input[op.tokenField] = token;
          await journal({ opId: op.id, event: 'started', clientToken: token, input });
          output = await callWithRetries(op, input);
          await journal({ opId: op.id, event: 'called', clientToken: token, output });
        }
        if (op.waitFor) {
          states[op.id] = 'waiting';
          emit({ type: 'operation', planId: plan.id, opId: op.id, state: 'waiting', output });
          await waitFor(op, output);
        }
        if (isCreate(op)) outputs.set(op.key, output);
        await journal({ opId: op.id, event: 'succeeded', output });
        states[op.id] = 'succeeded';
        emit({ type: 'operation', planId: plan.id, opId: op.id, state: 'succeeded', output });
      } catch (err) {
        const info = ports.describeError(err);
        const message = err instanceof WaitError ? err.message : info.message;
        messages[op.id] = message;
        states[op.id] = 'failed';
        await journal({ opId: op.id, event: 'failed', clientToken: token, message }).catch(() => undefined);
        emit({ type: 'operation', planId: plan.id, opId: op.id, state: 'failed', message });
      }
    };

    const callWithRetries = async (op: PlanOperation, input: JsonObject): Promise<CallResult> => {
      const retries = options.retries ?? 4;
      for (let attempt = 0; ; attempt++) {
        try {
          return await ports.call(op, input);
        } catch (err) {
          const info = ports.describeError(err);
          // A delete whose resource is already gone did its job (a retry after a lost answer).
          if (isDelete(op) && info.notFound) return { arn: op.arn };
          if (!info.retryable || attempt >= retries) throw err;
          await sleep(Math.min(5000, 200 * 2 ** attempt) * (0.5 + Math.random() / 2));
        }
      }
    };

    const waitFor = async (op: PlanOperation, output: CallResult) => {
      const timeout = options.waitTimeoutMs ?? 10 * 60_000;
      const poll = options.pollMs ?? 1000;
      const deadline = Date.now() + timeout;
      let last = '';
      for (;;) {
        let status: string;
        try {
          status = await ports.status(op, output);
        } catch (err) {
          const info = ports.describeError(err);
          if (!info.retryable) throw err;
          status = last;
        }
        last = status;
        const word = status.toUpperCase();
        if (op.waitFor === 'active' && ACTIVE_WORDS.has(word)) return;
        if (op.waitFor === 'gone' && (word === 'GONE' || word === 'DELETED')) return;
        if (word.endsWith('FAILED') || word === 'FAILED') throw new WaitError(`${op.label} ended ${status}`);
        if (Date.now() > deadline) throw new WaitError(`${op.label} was still ${status || 'not ready'} after ${Math.round(timeout / 1000)} s`);
        await sleep(poll);
      }
    };

    const blockedBy = (op: PlanOperation) => op.dependsOn.find((d) => states[d] === 'failed' || states[d] === 'skipped');
    const ready = (op: PlanOperation) => states[op.id] === 'pending' && op.dependsOn.every((d) => states[d] === 'succeeded');

    for (;;) {
      if (lostLock || options.signal?.aborted) break;
      for (const op of plan.operations) {
        if (states[op.id] !== 'pending') continue;
        const blocker = blockedBy(op);
        if (blocker) {
          const b = byId.get(blocker);
          const message = `Skipped: it depends on ${blocker} (${b?.label ?? blocker}), which ${states[blocker] === 'failed' ? 'failed' : 'was skipped'}.`;
          states[op.id] = 'skipped';
          messages[op.id] = message;
          await journal({ opId: op.id, event: 'skipped', message });
          emit({ type: 'operation', planId: plan.id, opId: op.id, state: 'skipped', message });
        }
      }
      for (const op of plan.operations) {
        if (running.size >= concurrency) break;
        if (!ready(op)) continue;
        const task = runOperation(op).finally(() => running.delete(task));
        running.add(task);
      }
      if (!running.size) break;
      await Promise.race(running);
    }
    await Promise.all(running);

    const counts = countStates(states);
    const unfinished = counts.pending + counts.running + counts.waiting > 0;
    const outcome: ApplyOutcome = unfinished ? 'interrupted' : counts.failed + counts.skipped > 0 ? 'failed' : 'succeeded';
    if (!unfinished) await journal({ opId: '*', event: 'finished', message: outcome });
    emit({ type: 'finished', planId: plan.id, outcome, counts });
    return { outcome, states, messages };
  } finally {
    clearInterval(heartbeat);
    await held.release().catch(() => undefined);
  }
}

class WaitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WaitError';
  }
}

export function countStates(states: Record<string, OperationState>): Record<OperationState, number> {
  const counts: Record<OperationState, number> = { pending: 0, running: 0, waiting: 0, succeeded: 0, failed: 0, skipped: 0 };
  for (const s of Object.values(states)) counts[s] += 1;
  return counts;
}

/**
 * Folds one journal entry into the operations' states and messages: the one reading of a
 * journal, for a page opened after an apply (statesFromJournal) and for the live stream.
 */
export function foldJournalEntry(
  states: Record<string, OperationState>,
  messages: Record<string, string>,
  e: { opId: string; event: string; message?: string | null },
  operations: ReadonlyMap<string, Pick<PlanOperation, 'waitFor'>>,
): void {
  if (!(e.opId in states)) return;
  if (e.event === 'started') states[e.opId] = 'running';
  else if (e.event === 'called') states[e.opId] = operations.get(e.opId)?.waitFor ? 'waiting' : 'running';
  else if (e.event === 'succeeded' || e.event === 'adopted') states[e.opId] = 'succeeded';
  else if (e.event === 'failed') states[e.opId] = 'failed';
  else if (e.event === 'skipped') states[e.opId] = 'skipped';
  if (e.message && (e.event === 'failed' || e.event === 'skipped')) messages[e.opId] = e.message;
}

/** Operation states as a journal tells them (for a page opened during or after an apply). */
export function statesFromJournal(plan: Pick<ApplyPlan, 'operations'>, entries: readonly JournalEntry[]): { states: Record<string, OperationState>; messages: Record<string, string>; outputs: Record<string, CallResult> } {
  const states: Record<string, OperationState> = Object.fromEntries(plan.operations.map((o) => [o.id, 'pending' as OperationState]));
  const messages: Record<string, string> = {};
  const outputs: Record<string, CallResult> = {};
  const operations = new Map(plan.operations.map((o) => [o.id, o]));
  for (const e of entries) {
    foldJournalEntry(states, messages, e, operations);
    if (e.output && e.opId in states) outputs[e.opId] = e.output;
  }
  return { states, messages, outputs };
}
