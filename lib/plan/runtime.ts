import 'server-only';
// The real ports of apply: SDK calls through lib/aws/writers, live reads through discovery,
// the journal and the lock in the database.
import { describeAwsError, discoverEstate, discoverEstateOffLoop, DISCOVERY_PROCESS_MIN_ACCOUNTS, mapPooled, type AccountAccess } from '@/lib/aws';
import { callRamOperation, ramOperationStatus } from '@/lib/aws/sharing';
import { callWrite, isGoneError, readAuthPolicy, readRoles, readStatus, readVpcAssociationSecurityGroups, type StatusKind } from '@/lib/aws/writers';
import type { Db } from '@/lib/db/client';
import { acquireApplyLocks, appendJournalRow, loadJournalRows, releaseApplyLocks, renewApplyLocks } from '@/lib/db/repositories/plans';
import { parseArn, type Topology } from '@/lib/topology';
import { PlanError } from './errors';
import { LockHeldError, type ApplyPorts, type ErrorInfo, type JournalEntry, type JournalPort, type LockPort } from './apply';
import type { PlanOperation } from './types';

export type AccessFor = (account: string) => AccountAccess;

const STATUS_KINDS = new Set<StatusKind>(['service', 'targetGroup', 'serviceNetworkServiceAssociation', 'serviceNetworkVpcAssociation', 'serviceNetworkResourceAssociation', 'resourceGateway', 'resourceConfiguration', 'serviceNetworkVpcEndpoint']);

const NETWORK = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'TimeoutError']);

export function describeApplyError(err: unknown): ErrorInfo {
  const info = describeAwsError(err);
  return {
    code: info.code,
    message: info.message,
    retryable: info.throttled || (info.status !== undefined && info.status >= 500) || NETWORK.has(info.code),
    notFound: isGoneError(err),
  };
}

/**
 * Reads the accounts and Regions a plan acts in, plus what discovery leaves out and a plan
 * compares: VPC associations' security groups, and auth policies kept on resources whose
 * auth type is NONE.
 */
export async function readLiveForPlan(accounts: readonly string[], regions: readonly string[], accessFor: AccessFor, alsoRead: readonly string[] = [], roles: readonly RoleToRead[] = []): Promise<Topology> {
  // The owners of shared resources are read too: they describe their own resources, which
  // the acting accounts may not be allowed to (a shared service network's access logs).
  const everyone = [...new Set([...accounts, ...alsoRead])].sort();
  const targets = everyone.map((id) => ({ ...accessFor(id), regions: [...regions] }));
  const topology = await discoverCompletely(targets, new Set(accounts));
  // Details are read for every account read, not only the acting ones: planning and applying
  // act in different sets (a plan acts only where it has operations) yet must fingerprint
  // the same records the same way, or an unchanged estate would look stale at apply.
  const ours = new Set(everyone);
  const byCell = new Map<string, string[]>();
  for (const e of topology.edges) {
    if (e.kind !== 'serviceNetworkVpc' || !e.id.startsWith('arn:')) continue;
    const p = parseArn(e.id);
    const account = e.account && ours.has(e.account) ? e.account : (p?.account ?? '');
    if (!ours.has(account)) continue;
    const cell = `${account}|${p?.region ?? regions[0]}`;
    byCell.set(cell, [...(byCell.get(cell) ?? []), e.id]);
  }
  const groups = new Map<string, string[]>();
  await Promise.all(
    [...byCell].map(async ([cell, arns]) => {
      const [account, region] = cell.split('|');
      for (const [arn, sgs] of await readVpcAssociationSecurityGroups(accessFor(account), region, arns)) groups.set(arn, sgs);
    }),
  );
  for (const e of topology.edges) {
    const sgs = groups.get(e.id);
    if (sgs) e.description = { ...(e.description ?? {}), securityGroupIds: sgs };
  }
  await addRoles(topology, roles, accessFor);
  const quiet = topology.nodes.filter((n) => (n.kind === 'service' || n.kind === 'serviceNetwork') && !n.external && !n.authPolicy && ours.has(n.account) && n.description.authType !== 'AWS_IAM');
  await mapPooled(quiet, 8, async (n) => {
    const policy = await readAuthPolicy(accessFor(n.account), n.region, n.id);
    if (!policy) return;
    try {
      n.authPolicy = { state: 'Inactive', policy: JSON.parse(policy) };
    } catch {
      n.authPolicy = { state: 'Inactive', policy };
    }
  });
  return topology;
}

/** A role a plan holds, by account and name. */
export interface RoleToRead {
  account: string;
  name: string;
}

/**
 * The roles a plan holds that discovery did not describe (it reads only roles auth policies
 * name): read in full, so a role the plan made is seen, and compared, the next time.
 */
async function addRoles(topology: Topology, roles: readonly RoleToRead[], accessFor: AccessFor): Promise<void> {
  const described = new Set(topology.nodes.filter((n) => n.kind === 'iamRole' && !n.external).map((n) => `${n.account}/${n.name.toLowerCase()}`));
  const byAccount = new Map<string, string[]>();
  for (const r of roles) {
    if (described.has(`${r.account}/${r.name.toLowerCase()}`)) continue;
    byAccount.set(r.account, [...(byAccount.get(r.account) ?? []), r.name]);
  }
  for (const [account, names] of byAccount) {
    const read = await readRoles(accessFor(account), names);
    for (const node of read.nodes) {
      // A stub for a role an auth policy names gives way to the role as read.
      topology.nodes = topology.nodes.filter((n) => !(n.id === node.id && n.external));
      topology.nodes.push(node);
    }
  }
}

/** The roles a plan holds: the roles it creates or changes, and those it puts policies on (from its fingerprint's keys). */
export function rolesOfKeys(keys: Iterable<string>): RoleToRead[] {
  const out = new Map<string, RoleToRead>();
  for (const key of keys) {
    const m = /(?:^|[|:/])iamRole:(\d{12}):global:([\w+=,.@-]+)/.exec(key);
    if (m) out.set(`${m[1]}/${m[2]}`, { account: m[1], name: m[2] });
  }
  return [...out.values()];
}

/**
 * Discovery that either read everything or says what it could not: a plan computed from a
 * partial read would create what it did not see and delete what it missed. Failed reads
 * (throttling, 5xx beyond the SDK's retries) are retried a few times first.
 */
async function discoverCompletely(targets: Parameters<typeof discoverEstate>[0], acting: ReadonlySet<string>, attempts = 4): Promise<Topology> {
  let errors: Topology['errors'] = [];
  for (let attempt = 0; attempt < attempts; attempt++) {
    if (attempt) await new Promise((r) => setTimeout(r, 500 * 2 ** attempt));
    // A read of many accounts runs in a discovery process, as a refresh does: off the console's loop.
    const { topology } = targets.length >= DISCOVERY_PROCESS_MIN_ACCOUNTS ? await discoverEstateOffLoop(targets, { tags: true }) : await discoverEstate(targets, { tags: true });
    // Accounts read only for context may fail in part; the ones the plan acts in may not.
    errors = topology.errors.filter((e) => acting.has(e.account));
    if (!errors.length) {
      topology.errors = topology.errors.filter((e) => !e.operation);
      return topology;
    }
  }
  throw new PlanError(`Could not read the live estate completely (${errors.length} failed read${errors.length === 1 ? '' : 's'}; first: ${errors[0].account} ${errors[0].operation ?? ''} ${errors[0].message}). A plan needs a complete read; try again.`);
}

export function databaseJournal(db?: Db): JournalPort {
  return {
    async load(planId) {
      const rows = await loadJournalRows(planId, 0, db);
      return rows.map(
        (r): JournalEntry => ({
          planId: r.planId,
          opId: r.opId,
          event: r.event as JournalEntry['event'],
          ...(r.clientToken ? { clientToken: r.clientToken } : {}),
          ...(r.output ? { output: r.output } : {}),
          ...(r.message ? { message: r.message } : {}),
          at: r.at,
        }),
      );
    },
    async append(entry) {
      await appendJournalRow({ planId: entry.planId, opId: entry.opId, event: entry.event, clientToken: entry.clientToken ?? null, input: entry.input ?? null, output: entry.output ?? null, message: entry.message ?? null, at: entry.at }, db);
    },
  };
}

export function databaseLock(db?: Db, leaseMs = 30_000): LockPort {
  return {
    leaseMs,
    async acquire(accounts, planId, owner) {
      const holder = globalThis.crypto.randomUUID();
      const result = await acquireApplyLocks(accounts, planId, owner, holder, leaseMs, db);
      if (!result.ok) {
        const h = result.heldBy;
        throw new LockHeldError({ account: h.account, planId: h.planId, owner: h.owner, acquiredAt: h.acquiredAt, expiresAt: h.expiresAt });
      }
      const count = new Set(accounts).size;
      return {
        renew: () => renewApplyLocks(holder, count, leaseMs, db),
        release: () => releaseApplyLocks(holder, db),
      };
    },
  };
}

export interface RuntimeOptions {
  db?: Db;
  accessFor: AccessFor;
  leaseMs?: number;
  /** Accounts read besides the plan's own (the owners of what it refers to), as when it was planned. */
  alsoRead?: readonly string[];
  /** The IAM roles the plan holds, read as when it was planned. */
  roles?: readonly RoleToRead[];
}

/** The ports apply runs with against AWS or lattice-local. */
export function awsApplyPorts(options: RuntimeOptions): ApplyPorts {
  const { accessFor } = options;
  return {
    async call(op: PlanOperation, input) {
      if (op.service === 'ram') return callRamOperation(accessFor(op.account), op, input);
      const result = await callWrite(accessFor(op.account), op.region, op.service, op.call, input);
      return { arn: result.arn ?? op.arn, ...(result.id ? { id: result.id } : {}) };
    },
    async status(op, result) {
      if (op.service === 'ram') return ramOperationStatus(accessFor(op.account), op, result);
      const arn = result.arn ?? op.arn;
      if (!arn || !STATUS_KINDS.has(op.kind as StatusKind)) return op.waitFor === 'gone' ? 'gone' : 'ACTIVE';
      return readStatus(accessFor(op.account), op.region, op.kind as StatusKind, arn);
    },
    readLive: (accounts, regions) => readLiveForPlan(accounts, regions, accessFor, options.alsoRead, options.roles),
    describeError: describeApplyError,
    journal: databaseJournal(options.db),
    lock: databaseLock(options.db, options.leaseMs),
  };
}
