// Sharing as plan operations: share a resource with accounts or the organization, add or
// remove principals and resources, stop sharing. Each edit is checked (RAM's rules, then the
// live estate) before any operation exists, and becomes operations in lib/plan's format
// (create, associate, disassociate, delete on `resourceShare`, service `ram`) with a natural
// key, a clientToken member and the consequence of anything destructive. The fingerprint
// states let apply refuse a plan whose shares changed since it was computed. Pure.
import { z } from 'zod';
import { checkedShare, checkShareAgainstEstate, shareArnSchema, shareRequestSchema, type ShareProblem } from '@/lib/sharing/request';
import { checkPrincipal, checkResourceArn, principalLabel, shareBlocker } from '@/lib/sharing/rules';
import type { FieldChange, Json, JsonObject, Topology, TopologyNode } from '@/lib/topology';
import { PlanError } from '../errors';
import type { Fingerprint, PlanOperation } from '../types';

export const SHARE_KIND = 'resourceShare' as const;
export const SHARE_KEY_PREFIX = `${SHARE_KIND}:`;

/** A plan operation on a RAM share: lib/plan's operation with RAM's kind and service. */
export type SharePlanOperation = Omit<PlanOperation, 'kind' | 'service'> & { kind: typeof SHARE_KIND; service: 'ram' };

const arnList = (rule: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v),
    z.array(z.string({ error: rule }).trim(), { error: `a list: ${rule}` }),
  );

export const shareEditSchema = z.discriminatedUnion(
  'action',
  [
    shareRequestSchema.safeExtend({ action: z.literal('share') }),
    z.object({
      action: z.literal('update'),
      shareArn: shareArnSchema,
      addPrincipals: arnList('an account id, organization or OU ARN').default([]),
      removePrincipals: arnList('an account id, organization or OU ARN').default([]),
      addResources: arnList('a resource ARN').default([]),
      removeResources: arnList('a resource ARN').default([]),
    }),
    z.object({ action: z.literal('stop'), shareArn: shareArnSchema }),
  ],
  { error: 'an action: share, update or stop' },
);

export type ShareEdit = z.output<typeof shareEditSchema>;
export type ShareEditInput = z.input<typeof shareEditSchema>;

/** A share as the live topology holds it. */
export interface LiveShare {
  arn: string;
  name: string;
  account: string;
  region: string;
  status: string;
  allowExternalPrincipals: boolean;
  /** Resource ARNs associated (or associating). */
  resources: string[];
  /** Principals as RAM holds them: account ids, organization and OU ARNs. */
  principals: string[];
}

const GONE = new Set(['DISASSOCIATED', 'DISASSOCIATING', 'FAILED']);

/** The shares owned by the accounts discovery read, from the topology's share nodes and edges. */
export function liveShares(topology: Pick<Topology, 'nodes' | 'edges'>): LiveShare[] {
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const shares = new Map<string, LiveShare>();
  for (const n of topology.nodes) {
    if (n.kind !== SHARE_KIND || n.external || n.status === 'DELETED' || n.status === 'DELETING') continue;
    shares.set(n.id, { arn: n.id, name: n.name, account: n.account, region: n.region, status: n.status, allowExternalPrincipals: n.description.allowExternalPrincipals !== false, resources: [], principals: [] });
  }
  for (const e of topology.edges) {
    const share = shares.get(e.source);
    if (!share || (e.status && GONE.has(e.status))) continue;
    if (e.kind === 'shareResource') share.resources.push(e.target);
    if (e.kind === 'sharePrincipal') share.principals.push(principalValue(nodes.get(e.target)) ?? e.target);
  }
  for (const s of shares.values()) {
    s.resources.sort();
    s.principals.sort();
  }
  return [...shares.values()].sort((a, b) => a.arn.localeCompare(b.arn));
}

/** RAM's own spelling of a principal node (an account id for `arn:…:iam::ID:root`). */
function principalValue(node: TopologyNode | undefined): string | undefined {
  const raw = node?.description.principal;
  return typeof raw === 'string' ? raw : undefined;
}

/** A share's natural key: owner, Region and name (what a person calls it). */
export function shareKey(account: string, region: string, name: string): string {
  return `${SHARE_KEY_PREFIX}${account}:${region}:${name}`;
}

/** Per share key: the live shares under it (what apply compares), or null where there is none. */
export function shareFingerprintStates(topology: Pick<Topology, 'nodes' | 'edges'>, keys: Iterable<string>): Record<string, Json | null> {
  const shareKeys: string[] = [];
  for (const k of keys) if (k.startsWith(SHARE_KEY_PREFIX)) shareKeys.push(k);
  // Most plans touch no share: the estate's shares are not read for them.
  if (!shareKeys.length) return {};
  const byKey = new Map<string, LiveShare[]>();
  for (const s of liveShares(topology)) {
    const key = shareKey(s.account, s.region, s.name);
    byKey.set(key, [...(byKey.get(key) ?? []), s]);
  }
  const states: Record<string, Json | null> = {};
  for (const key of shareKeys) {
    const shares = byKey.get(key);
    states[key] = shares ? shares.map(({ arn, status, allowExternalPrincipals, resources, principals }) => ({ arn, status, allowExternalPrincipals, resources, principals })) : null;
  }
  return states;
}

/**
 * A fingerprint with its share states read from `topology` (lib/plan's own fingerprint does
 * not know shares). `keys` are the fingerprint's keys, when the caller holds them already.
 */
export function withShareStates(fingerprint: Fingerprint, topology: Pick<Topology, 'nodes' | 'edges'>, keys: Iterable<string> = fingerprint.states.map(([key]) => key)): Fingerprint {
  const shares = shareFingerprintStates(topology, keys);
  if (Object.keys(shares).length === 0) return fingerprint;
  return { states: [...fingerprint.states.filter(([key]) => !Object.hasOwn(shares, key)), ...Object.entries(shares)] };
}

export interface ShareContext {
  /** The accounts Trellis acts in (ids), with names for labels. */
  accounts: ReadonlyMap<string, string>;
}

export interface SharePlan {
  operations: SharePlanOperation[];
  /** The live state of every share the operations touch (the plan's fingerprint states for them). */
  fingerprint: Record<string, Json | null>;
  accounts: string[];
  regions: string[];
  warnings: string[];
}

/** Sharing edits that cannot be planned; a PlanError, so the plan routes report it as they report any refusal. */
export class ShareEditError extends PlanError {
  constructor(readonly problems: ShareProblem[]) {
    super(`The sharing changes cannot be planned: ${problems.map((p) => `${p.path}: ${p.rule}`).join('; ')}`);
    this.name = 'ShareEditError';
  }
}

function nameOf(arn: string, nodes: ReadonlyMap<string, TopologyNode>): string {
  return nodes.get(arn)?.name ?? arn.slice(arn.lastIndexOf('/') + 1);
}

const list = (items: string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

/**
 * Turns sharing edits into operations. Every problem with every edit is collected and thrown
 * together (ShareEditError, paths like `0.principals.1`), so nothing is planned from bad input.
 * `nextId(n)` names the n-th operation (lib/plan numbers its own; pass its next numbers).
 */
export function planShareEdits(inputs: readonly unknown[], topology: Pick<Topology, 'nodes' | 'edges'>, context: ShareContext, nextId: (n: number) => string = (n) => `op-${String(n + 1).padStart(3, '0')}`): SharePlan {
  const problems: ShareProblem[] = [];
  const edits: (ShareEdit | undefined)[] = inputs.map((input, i) => {
    const parsed = shareEditSchema.safeParse(input);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) problems.push({ path: [i, ...issue.path].join('.'), rule: issue.message });
    return undefined;
  });
  if (!inputs.length) return { operations: [], fingerprint: {}, accounts: [], regions: [], warnings: [] };
  const nodes = new Map(topology.nodes.map((n) => [n.id, n]));
  const shares = new Map(liveShares(topology).map((s) => [s.arn, s]));
  const configured = new Set(context.accounts.keys());
  const operations: SharePlanOperation[] = [];
  const keys = new Set<string>();
  const warnings: string[] = [];
  const newKeys = new Set<string>();

  const add = (op: Omit<SharePlanOperation, 'id' | 'kind' | 'service' | 'dependsOn' | 'tokenField'>) => {
    operations.push({ id: nextId(operations.length), kind: SHARE_KIND, service: 'ram', dependsOn: [], tokenField: 'clientToken', ...op });
    keys.add(op.key);
  };

  edits.forEach((edit, i) => {
    if (!edit) return;
    if (edit.action === 'share') {
      const share = checkedShare(edit);
      for (const p of checkShareAgainstEstate(share, nodes, configured)) problems.push({ ...p, path: `${i}.${p.path}` });
      const key = shareKey(share.owner, share.region, share.name);
      const taken = [...shares.values()].some((s) => shareKey(s.account, s.region, s.name) === key);
      if (taken || newKeys.has(key)) problems.push({ path: `${i}.name`, rule: `account ${share.owner} already has a share named ${share.name} in ${share.region}; choose another name or change that share` });
      newKeys.add(key);
      const outside = share.principals.filter((p) => p.kind === 'account' && !configured.has(p.account)).map((p) => p.value);
      if (outside.length) warnings.push(`${list(outside)} ${outside.length === 1 ? 'is' : 'are'} not configured in Trellis: an approver there must accept in RAM itself.`);
      add({
        action: 'create',
        key,
        label: `share ${share.name}`,
        account: share.owner,
        region: share.region,
        call: 'CreateResourceShare',
        input: { name: share.name, resourceArns: share.resources.map((r) => r.arn), principals: share.principals.map((p) => p.value), allowExternalPrincipals: share.allowExternalPrincipals },
        changes: [
          { path: 'resourceArns', after: share.resources.map((r) => r.arn) },
          { path: 'principals', after: share.principals.map((p) => p.value) },
          { path: 'allowExternalPrincipals', after: share.allowExternalPrincipals },
        ],
      });
      return;
    }

    const share = shares.get(edit.shareArn);
    if (!share) {
      problems.push({ path: `${i}.shareArn`, rule: `${edit.shareArn} is not a share the configured accounts own (refresh the topology if it was just made)` });
      return;
    }
    if (!configured.has(share.account)) {
      problems.push({ path: `${i}.shareArn`, rule: `share ${share.name} belongs to ${share.account}, which Trellis is not configured to act in` });
      return;
    }
    const key = shareKey(share.account, share.region, share.name);
    const base = { key, arn: share.arn, account: share.account, region: share.region };
    const resourceNames = share.resources.map((r) => nameOf(r, nodes));
    const principalNames = share.principals.map((p) => principalLabel(p, context.accounts));

    if (edit.action === 'stop') {
      add({
        ...base,
        action: 'delete',
        label: `stop sharing ${share.name}`,
        call: 'DeleteResourceShare',
        input: { resourceShareArn: share.arn },
        changes: [
          { path: 'resourceArns', before: share.resources },
          { path: 'principals', before: share.principals },
        ],
        consequence: share.principals.length && share.resources.length ? `${list(principalNames)} lose${share.principals.length === 1 ? 's' : ''} access to ${list(resourceNames)}.` : `Share ${share.name} is deleted.`,
        waitFor: 'gone',
      });
      return;
    }

    // update: each list checked on its own, then one call per direction.
    const before = problems.length;
    edit.addPrincipals.forEach((p, j) => {
      const check = checkPrincipal(p);
      if (!check.ok) problems.push({ path: `${i}.addPrincipals.${j}`, rule: check.rule });
      else if (check.principal.kind === 'account' && check.principal.account === share.account) problems.push({ path: `${i}.addPrincipals.${j}`, rule: `account ${p} owns the share; share with other accounts` });
      else if (share.principals.includes(p)) problems.push({ path: `${i}.addPrincipals.${j}`, rule: `${p} already has share ${share.name}` });
    });
    edit.removePrincipals.forEach((p, j) => {
      if (!share.principals.includes(p)) problems.push({ path: `${i}.removePrincipals.${j}`, rule: `${p} is not a principal of share ${share.name}` });
    });
    edit.addResources.forEach((arn, j) => {
      const check = checkResourceArn(arn);
      if (!check.ok) return problems.push({ path: `${i}.addResources.${j}`, rule: check.rule });
      if (check.account !== share.account || check.region !== share.region) return problems.push({ path: `${i}.addResources.${j}`, rule: `${arn} belongs to ${check.account} in ${check.region}; share ${share.name} can hold only what ${share.account} owns in ${share.region}` });
      const node = nodes.get(arn);
      if (!node || node.external) return problems.push({ path: `${i}.addResources.${j}`, rule: `${arn} is not in the discovered estate (refresh the topology if it was just created)` });
      const blocker = shareBlocker(node);
      if (blocker) return problems.push({ path: `${i}.addResources.${j}`, rule: blocker });
      if (share.resources.includes(arn)) problems.push({ path: `${i}.addResources.${j}`, rule: `${node.name} is already in share ${share.name}` });
    });
    edit.removeResources.forEach((arn, j) => {
      if (!share.resources.includes(arn)) problems.push({ path: `${i}.removeResources.${j}`, rule: `${arn} is not in share ${share.name}` });
    });
    if (!edit.addPrincipals.length && !edit.removePrincipals.length && !edit.addResources.length && !edit.removeResources.length) {
      problems.push({ path: `${i}`, rule: 'nothing to change: add or remove principals or resources' });
    }
    if (problems.length > before) return;

    if (edit.addPrincipals.length || edit.addResources.length) {
      const input: JsonObject = { resourceShareArn: share.arn };
      const changes: FieldChange[] = [];
      if (edit.addPrincipals.length) {
        input.principals = edit.addPrincipals;
        changes.push({ path: 'principals', before: share.principals, after: [...share.principals, ...edit.addPrincipals].sort() });
      }
      if (edit.addResources.length) {
        input.resourceArns = edit.addResources;
        changes.push({ path: 'resourceArns', before: share.resources, after: [...share.resources, ...edit.addResources].sort() });
      }
      const what = [...edit.addPrincipals.map((p) => principalLabel(p, context.accounts)), ...edit.addResources.map((r) => nameOf(r, nodes))];
      add({ ...base, action: 'associate', label: `add ${list(what)} to share ${share.name}`, call: 'AssociateResourceShare', input, changes });
    }
    if (edit.removePrincipals.length || edit.removeResources.length) {
      const input: JsonObject = { resourceShareArn: share.arn };
      const changes: FieldChange[] = [];
      const losses: string[] = [];
      if (edit.removePrincipals.length) {
        input.principals = edit.removePrincipals;
        changes.push({ path: 'principals', before: share.principals, after: share.principals.filter((p) => !edit.removePrincipals.includes(p)) });
        losses.push(`${list(edit.removePrincipals.map((p) => principalLabel(p, context.accounts)))} lose${edit.removePrincipals.length === 1 ? 's' : ''} access to ${list(resourceNames)}`);
      }
      if (edit.removeResources.length) {
        input.resourceArns = edit.removeResources;
        changes.push({ path: 'resourceArns', before: share.resources, after: share.resources.filter((r) => !edit.removeResources.includes(r)) });
        if (share.principals.length) losses.push(`${list(edit.removeResources.map((r) => nameOf(r, nodes)))} stop${edit.removeResources.length === 1 ? 's' : ''} being shared with ${list(principalNames)}`);
      }
      const what = [...edit.removePrincipals.map((p) => principalLabel(p, context.accounts)), ...edit.removeResources.map((r) => nameOf(r, nodes))];
      const op = { ...base, action: 'disassociate' as const, label: `remove ${list(what)} from share ${share.name}`, call: 'DisassociateResourceShare', input, changes, ...(losses.length ? { consequence: `${losses.join('; ')}.` } : {}) };
      add(op);
    }
  });

  if (problems.length) throw new ShareEditError(problems);
  // Several calls on one share run one after another: RAM refuses changes to a share mid-change.
  const lastOnKey = new Map<string, string>();
  for (const op of operations) {
    const prev = lastOnKey.get(op.key);
    if (prev) op.dependsOn.push(prev);
    lastOnKey.set(op.key, op.id);
  }
  return {
    operations,
    fingerprint: shareFingerprintStates(topology, keys),
    accounts: [...new Set(operations.map((o) => o.account))].sort(),
    regions: [...new Set(operations.map((o) => o.region))].sort(),
    warnings,
  };
}

/** The accounts and Regions sharing edits act in (owners of the shares and of the resources to share), from their ARNs, for the plan's live read. */
export function shareEditScope(inputs: readonly unknown[]): { accounts: string[]; regions: string[] } {
  const accounts = new Set<string>();
  const regions = new Set<string>();
  for (const input of inputs) {
    const edit = input as { shareArn?: unknown; resourceArns?: unknown } | null;
    const arns = [edit?.shareArn, ...(Array.isArray(edit?.resourceArns) ? edit.resourceArns : typeof edit?.resourceArns === 'string' ? edit.resourceArns.split(/[\s,]+/) : [])];
    for (const arn of arns) {
      const parts = typeof arn === 'string' ? arn.split(':') : [];
      if (parts[0] !== 'arn' || !/^\d{12}$/.test(parts[4] ?? '')) continue;
      accounts.add(parts[4]);
      if (parts[3]) regions.add(parts[3]);
    }
  }
  return { accounts: [...accounts].sort(), regions: [...regions].sort() };
}

/**
 * What is wrong with one edit on its own (RAM's rules: account ids, organization ARNs,
 * shareable types, names), as the designer shows it beside the field before the edit joins
 * the design. The estate's rules (taken names, unknown shares) wait for the preview and plan.
 */
export function shareEditProblems(input: unknown): ShareProblem[] {
  const parsed = shareEditSchema.safeParse(input);
  const problems: ShareProblem[] = parsed.success ? [] : parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), rule: issue.message }));
  if (parsed.success && parsed.data.action === 'update') {
    const edit = parsed.data;
    edit.addPrincipals.forEach((p, j) => {
      const check = checkPrincipal(p);
      if (!check.ok) problems.push({ path: `addPrincipals.${j}`, rule: check.rule });
    });
    edit.addResources.forEach((arn, j) => {
      const check = checkResourceArn(arn);
      if (!check.ok) problems.push({ path: `addResources.${j}`, rule: check.rule });
    });
    if (!edit.addPrincipals.length && !edit.removePrincipals.length && !edit.addResources.length && !edit.removeResources.length) problems.push({ path: '', rule: 'nothing to change: add or remove principals or resources' });
  }
  return problems;
}

/**
 * Whether the live shares already are what an edit asks for (a plan applied it, or someone
 * made the same change): the share exists with those resources and principals, the principals
 * were added or removed, the share is gone. Such an edit would only be refused if planned again.
 */
export function shareEditIsLive(input: unknown, shares: readonly LiveShare[]): boolean {
  const parsed = shareEditSchema.safeParse(input);
  if (!parsed.success) return false;
  const edit = parsed.data;
  if (edit.action === 'share') {
    const owner = edit.resourceArns[0]?.split(':');
    if (!owner || owner.length < 6) return false;
    return shares.some((s) => s.account === owner[4] && s.region === owner[3] && s.name === edit.name && edit.resourceArns.every((r) => s.resources.includes(r)) && edit.principals.every((p) => s.principals.includes(p)));
  }
  const share = shares.find((s) => s.arn === edit.shareArn);
  if (edit.action === 'stop') return !share;
  if (!share) return false;
  return (
    edit.addPrincipals.every((p) => share.principals.includes(p)) &&
    edit.removePrincipals.every((p) => !share.principals.includes(p)) &&
    edit.addResources.every((r) => share.resources.includes(r)) &&
    edit.removeResources.every((r) => !share.resources.includes(r))
  );
}
