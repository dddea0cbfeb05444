// Shared create/get/list/update/delete helpers over the store, for resource kinds declared once
// (id prefix, ARN form, lifecycle, quota, name rule). Lifecycle status is derived from
// timestamps: nothing changes on a timer, so a test that controls the clock is deterministic.
import { createHash, randomBytes } from 'node:crypto';
import { canonicalJson } from '@/lib/canonical';
import { parseArn, type ParsedArn } from '@/lib/topology/arn';
import { ServiceError, accessDenied, conflict, notFound, quotaExceeded, validationError } from '../protocols/errors';
import type { IndexFunction, Store, StoredRecord } from '../store/index';
import { firstAfter } from '../store/index';
import type { OperationContext } from './types';

export interface ResourceKind {
  /** Store kind, e.g. `vpc-lattice:service`. */
  kind: string;
  /** The `resourceType` errors name, e.g. `SERVICE`. */
  resourceType: string;
  /** Words for messages, e.g. `Service`. */
  label: string;
  idPrefix: string;
  /**
   * Seventeen lowercase hex digits. The models allow [0-9a-z] for most kinds, but AWS's ids are
   * hex (`sn-0c5fec7b6efad7713`, gruntwork-io/cloud-nuke#1159; `svc-04dbcef00d405a0fd`,
   * aws/aws-application-networking-k8s#239).
   */
  idChars: 'hex';
  arnService: string;
  /** The ARN's resource part: `service/svc-…`, `service/svc-…/listener/listener-…`. */
  arnResource(id: string, parent?: StoredRecord): string;
  /** Creates start CREATE_IN_PROGRESS and deletes pass through DELETE_IN_PROGRESS. */
  lifecycle: boolean;
  /** A quota on how many live records share an index value (the scope, a parent…). */
  quota?: { code: string; description: string; index: string; value(ctx: OperationContext, parent?: StoredRecord): string };
  /** Names are unique among live records sharing this index value. */
  uniqueName?: (ctx: OperationContext, parent?: StoredRecord) => string;
  indexes?: Record<string, IndexFunction>;
}

/** Indexes every resource kind has: by id, by client token, by unique-name key, by visibility. */
export function standardIndexes(extra: Record<string, IndexFunction> = {}): Record<string, IndexFunction> {
  return {
    id: (r) => r.id as string | undefined,
    token: (r) => (r.clientToken ? `${r.account}:${r.region}:${r.clientToken}` : undefined),
    name: (r) => r.nameKey as string | undefined,
    visible: (r) => (r.visibleTo as string[] | undefined) ?? `${r.account}:${r.region}`,
    // Records on their way out, so the periodic sweep touches only those.
    leaving: (r) => (r.goneAt !== undefined ? 'yes' : undefined),
    ...extra,
  };
}

/**
 * `prefix-` and seventeen lowercase hex digits, the first a 0 as in every id AWS shows of this
 * length (EC2's `vpc-0…`, `vpce-0…`; Lattice's `sn-0c5fec7b6efad7713`, `svc-0285b53b2eEXAMPLE`).
 */
export function newId(prefix: string, _chars: 'hex' = 'hex'): string {
  return `${prefix}-0${randomBytes(8).toString('hex')}`;
}

/** A short stable hex digest, for DNS labels and ids derived from other ids. */
export function stableHex(text: string, length: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

export { parseArn, type ParsedArn };

export const isArn = (identifier: string) => identifier.startsWith('arn:');

/** Removes records whose deletion has completed (they are already invisible; this frees memory). */
export function sweepGone(store: Store, kinds: string[], now: number): void {
  const gone: string[] = [];
  for (const kind of kinds) for (const record of store.byIndex(kind, 'leaving', 'yes')) if (isGone(record, now)) gone.push(record.key);
  if (gone.length) store.transaction(() => gone.forEach((key) => store.remove(key)));
}

// ---- Lifecycle ----------------------------------------------------------------------------------

export type LifecycleStatus =
  | 'CREATE_IN_PROGRESS' | 'ACTIVE' | 'UPDATE_IN_PROGRESS' | 'DELETE_IN_PROGRESS'
  | 'CREATE_FAILED' | 'UPDATE_FAILED' | 'DELETE_FAILED' | 'GONE';

/** The status a record has at `now`, from its timestamps (and a failure a seed may have set). */
export function statusOf(record: StoredRecord, now: number): LifecycleStatus {
  if (record.goneAt !== undefined && now >= (record.goneAt as number)) return 'GONE';
  if (record.failed) return record.failed as LifecycleStatus;
  if (record.deletingAt !== undefined) return 'DELETE_IN_PROGRESS';
  if (record.activeAt !== undefined && now < (record.activeAt as number)) return 'CREATE_IN_PROGRESS';
  if (record.updatingUntil !== undefined && now < (record.updatingUntil as number)) return 'UPDATE_IN_PROGRESS';
  return 'ACTIVE';
}

export const isGone = (record: StoredRecord | undefined, now: number): boolean => !record || statusOf(record, now) === 'GONE';

/** Live: exists and is not being deleted. */
export const isLive = (record: StoredRecord | undefined, now: number): boolean => {
  if (!record) return false;
  const status = statusOf(record, now);
  return status !== 'GONE' && status !== 'DELETE_IN_PROGRESS';
};

// ---- Access -------------------------------------------------------------------------------------

/** How the caller relates to a record. */
export type Access = 'owner' | 'party' | 'shared' | 'none';

/**
 * `owner`: it is in the caller's account and region. `party`: the caller is the other side of an
 * association (the service network's owner, say). `shared`: RAM shared it (or its parent) with the
 * caller and the caller accepted.
 */
export function accessOf(ctx: OperationContext, record: StoredRecord): Access {
  if (record.account === ctx.account && record.region === ctx.region) return 'owner';
  if (record.region !== ctx.region) return 'none';
  if ((record.visibleTo as string[] | undefined)?.includes(ctx.scope)) return 'party';
  const shareRoot = (record.shareRoot as string | undefined) ?? record.key;
  if (ctx.store.grantees(shareRoot).includes(ctx.account)) return 'shared';
  return 'none';
}

export interface ResolveOptions {
  /** Which relations may act; the default is the owner only. */
  allow?: Access[];
  /** The operation's action, for AccessDenied messages (`vpc-lattice:GetService`). */
  action?: string;
}

function denied(ctx: OperationContext, arn: string, action?: string): ServiceError {
  const act = action ?? `${ctx.service}:${ctx.operation}`;
  return accessDenied(`User: ${ctx.caller.arn} is not authorized to perform: ${act} on resource: ${arn}`);
}

/**
 * The record an identifier (id or ARN) names, or a ResourceNotFoundException naming the id and
 * type. Ids resolve in the caller's account (and associations the caller is party to); shared
 * resources need their ARN, as on AWS. An ARN in another account the caller may not use gets
 * AccessDeniedException.
 */
export function resolve(ctx: OperationContext, kind: ResourceKind, identifier: string, options: ResolveOptions = {}): StoredRecord {
  const allow = options.allow ?? ['owner'];
  if (isArn(identifier)) {
    const arn = parseArn(identifier);
    const record = ctx.store.get(identifier);
    const usable = record && record.kind === kind.kind && !isGone(record, ctx.now) ? record : undefined;
    if (arn && (arn.account !== ctx.account || arn.region !== ctx.region)) {
      const access = usable ? accessOf(ctx, usable) : 'none';
      if (access === 'none') {
        if (arn.region !== ctx.region) throw notFound(identifier, kind.resourceType);
        throw denied(ctx, identifier, options.action);
      }
      if (!allow.includes(access)) throw denied(ctx, identifier, options.action);
      return usable!;
    }
    if (!usable) throw notFound(identifier, kind.resourceType);
    const access = accessOf(ctx, usable);
    if (!allow.includes(access)) throw denied(ctx, identifier, options.action);
    return usable;
  }
  for (const record of ctx.store.byIndex(kind.kind, 'id', identifier)) {
    if (isGone(record, ctx.now)) continue;
    const access = accessOf(ctx, record);
    if (access === 'owner' || access === 'party') {
      if (!allow.includes(access)) throw denied(ctx, record.key, options.action);
      return record;
    }
  }
  throw notFound(identifier, kind.resourceType);
}

/** Like resolve, but undefined instead of an error (for List filters, which never 404). */
export function tryResolve(ctx: OperationContext, kind: ResourceKind, identifier: string, allow: Access[]): StoredRecord | undefined {
  try {
    return resolve(ctx, kind, identifier, { allow });
  } catch (error) {
    if (error instanceof ServiceError) return undefined;
    throw error;
  }
}

// ---- Create -------------------------------------------------------------------------------------

/** A digest of a request's parameters other than its client token. */
export function requestDigest(input: Record<string, unknown>): string {
  const { clientToken: _token, ClientToken: _Token, ...rest } = input;
  return createHash('sha256').update(canonicalJson(rest)).digest('hex');
}

/**
 * The record an earlier call with the same client token created, when the parameters match;
 * ConflictException when they differ; undefined for a first call.
 */
export function replayed(ctx: OperationContext, kind: ResourceKind, clientToken: string | undefined): StoredRecord | undefined {
  if (!clientToken) return undefined;
  for (const record of ctx.store.byIndex(kind.kind, 'token', `${ctx.scope}:${clientToken}`)) {
    if (isGone(record, ctx.now)) continue;
    if (record.requestDigest === requestDigest(ctx.input)) return record;
    throw conflict(
      record.id as string,
      kind.resourceType,
      `The client token ${clientToken} was already used with different parameters (for ${record.id}).`,
    );
  }
  return undefined;
}

export function countLive(ctx: OperationContext, kind: string, index: string, value: string): number {
  let n = 0;
  for (const record of ctx.store.byIndex(kind, index, value)) if (isLive(record, ctx.now)) n++;
  return n;
}

export interface CreateOptions {
  parent?: StoredRecord;
  /** The name, when the kind's names are unique. */
  name?: string;
  /** Who sees the record besides its owner (scopes `account:region`), for associations. */
  visibleTo?: string[];
  /** The ARN whose RAM share grants access to this record (its own, or its parent's). */
  shareRoot?: string;
  /** Override the account the record lives in (defaults to the caller's). */
  account?: string;
}

/**
 * Creates a record of `kind`: checks the name rule and the quota, makes the id and the ARN, sets
 * the lifecycle clock, remembers the client token. `fields` are the API members to keep.
 */
export function createRecord(
  ctx: OperationContext,
  kind: ResourceKind,
  fields: Record<string, unknown>,
  options: CreateOptions = {},
): StoredRecord {
  const nameKey = kind.uniqueName && options.name !== undefined ? `${kind.uniqueName(ctx, options.parent)}:${options.name}` : undefined;
  if (nameKey) {
    for (const other of ctx.store.byIndex(kind.kind, 'name', nameKey)) {
      if (!isGone(other, ctx.now)) {
        throw conflict(other.id as string, kind.resourceType, `${kind.label} with name ${options.name} already exists (${other.id}).`);
      }
    }
  }
  if (kind.quota) {
    const limit = ctx.config.quotas[kind.quota.code];
    if (limit !== undefined && countLive(ctx, kind.kind, kind.quota.index, kind.quota.value(ctx, options.parent)) >= limit) {
      throw quotaExceeded(kind.resourceType, kind.quota.code, `You have reached the quota for ${kind.quota.description} (${limit}).`, options.parent?.id as string | undefined);
    }
  }
  const id = newId(kind.idPrefix, kind.idChars);
  const account = options.account ?? ctx.account;
  const arn = `arn:aws:${kind.arnService}:${ctx.region}:${account}:${kind.arnResource(id, options.parent)}`;
  const clientToken = (ctx.input.clientToken ?? ctx.input.ClientToken) as string | undefined;
  const record = {
    ...fields,
    key: arn,
    kind: kind.kind,
    account,
    region: ctx.region,
    id,
    arn,
    createdAt: ctx.now,
    lastUpdatedAt: ctx.now,
    ...(kind.lifecycle ? { activeAt: ctx.now + ctx.config.activationDelayMs } : {}),
    ...(clientToken ? { clientToken, requestDigest: requestDigest(ctx.input) } : {}),
    ...(nameKey ? { nameKey } : {}),
    ...(options.visibleTo ? { visibleTo: [...new Set([`${account}:${ctx.region}`, ...options.visibleTo])] } : {}),
    ...(options.shareRoot ? { shareRoot: options.shareRoot } : {}),
  };
  return ctx.store.put(record);
}

/** Replaces fields of a record and bumps lastUpdatedAt. */
export function updateRecord(ctx: OperationContext, record: StoredRecord, patch: Record<string, unknown>): StoredRecord {
  return ctx.store.put({ ...record, ...patch, lastUpdatedAt: ctx.now });
}

/** Deletes a record: lifecycle kinds pass through DELETE_IN_PROGRESS for the activation delay. */
export function deleteRecord(ctx: OperationContext, kind: ResourceKind, record: StoredRecord): StoredRecord {
  const delay = ctx.config.activationDelayMs;
  if (!kind.lifecycle || delay === 0) {
    ctx.store.remove(record.key);
    return record;
  }
  return ctx.store.put({ ...record, deletingAt: ctx.now, goneAt: ctx.now + delay, nameKey: undefined, clientToken: undefined });
}

export interface LifecyclePatch {
  /** When the resource leaves CREATE_IN_PROGRESS (ms since the epoch). */
  activeAt?: number;
  /** When a deletion started (the resource shows DELETE_IN_PROGRESS from then). */
  deletingAt?: number;
  /** When the resource disappears. */
  goneAt?: number;
  /** Until when an update shows UPDATE_IN_PROGRESS. */
  updatingUntil?: number;
  /** A terminal failure to show instead (CREATE_FAILED…), with its code and message. */
  failed?: 'CREATE_FAILED' | 'UPDATE_FAILED' | 'DELETE_FAILED';
  failureCode?: string;
  failureMessage?: string;
}

/**
 * Moves a resource's lifecycle clock (for seeds that leave something mid-lifecycle, and tests).
 * `setLifecycle(store, arn, { activeAt: Date.now() + 3_600_000 })` keeps it CREATE_IN_PROGRESS an hour.
 */
export function setLifecycle(store: Store, key: string, patch: LifecyclePatch): StoredRecord {
  const record = store.get(key);
  if (!record) throw new Error(`setLifecycle: no record ${key}`);
  return store.put({ ...record, ...patch });
}

// ---- Pagination ---------------------------------------------------------------------------------

const TOKEN_KEY = 'lattice-local pagination';

function tokenMac(scope: string, operation: string, seq: number): string {
  return createHash('sha256').update(`${TOKEN_KEY}|${scope}|${operation}|${seq}`).digest('base64url').slice(0, 22);
}

export function encodeToken(ctx: OperationContext, seq: number): string {
  return Buffer.from(`${seq}.${tokenMac(ctx.scope, ctx.operation, seq)}`).toString('base64url');
}

/** The position a nextToken stands for, or undefined when the token was not issued here. */
export function decodeToken(ctx: OperationContext, token: string): number | undefined {
  const text = Buffer.from(token, 'base64url').toString('utf8');
  const m = /^(\d+)\.([A-Za-z0-9_-]{22})$/.exec(text);
  if (!m) return undefined;
  const seq = Number(m[1]);
  return tokenMac(ctx.scope, ctx.operation, seq) === m[2] ? seq : undefined;
}

export interface PageRequest {
  /** Candidate lists, each in sequence order; duplicates across lists are skipped. */
  sources: readonly (readonly StoredRecord[])[];
  /** Keep a record (already known not to be gone). */
  filter?: (record: StoredRecord) => boolean;
  maxResults?: number;
  nextToken?: string;
  invalidToken?: () => ServiceError;
}

/** One page of records across several ordered sources, in stable sequence order. */
export function listPage(ctx: OperationContext, request: PageRequest): { items: StoredRecord[]; nextToken?: string } {
  const limit = request.maxResults ?? ctx.config.defaultPageSize;
  let after = 0;
  if (request.nextToken !== undefined) {
    const seq = decodeToken(ctx, request.nextToken);
    if (seq === undefined) {
      throw (request.invalidToken ?? (() => validationError('The nextToken is not valid.', [{ name: 'nextToken', message: 'Invalid pagination token' }])))();
    }
    after = seq;
  }
  const cursors = request.sources.map((list) => ({ list, at: firstAfter(list, after) }));
  const items: StoredRecord[] = [];
  let lastSeq = after;
  for (;;) {
    // Next record in sequence order across the sources.
    let best: { list: readonly StoredRecord[]; at: number } | undefined;
    for (const cursor of cursors) {
      const candidate = cursor.list[cursor.at];
      if (candidate && (!best || candidate.seq < best.list[best.at]!.seq)) best = cursor;
    }
    if (!best) return { items };
    const record = best.list[best.at]!;
    for (const cursor of cursors) while (cursor.list[cursor.at]?.seq === record.seq) cursor.at++;
    if (isGone(record, ctx.now) || (request.filter && !request.filter(record))) continue;
    if (items.length === limit) return { items, nextToken: encodeToken(ctx, lastSeq) };
    items.push(record);
    lastSeq = record.seq;
  }
}

/** Records shared with the caller (and accepted) whose ARN is of `kind`, in sequence order. */
export function sharedRecords(ctx: OperationContext, kind: ResourceKind): StoredRecord[] {
  const out: StoredRecord[] = [];
  for (const arn of ctx.store.sharedWith(ctx.account)) {
    const record = ctx.store.get(arn);
    if (record && record.kind === kind.kind && record.region === ctx.region && record.account !== ctx.account) out.push(record);
  }
  return out.sort((a, b) => a.seq - b.seq);
}
