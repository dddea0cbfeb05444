// IAM as discovery needs it: the roles of an account (IAM is global, so read once per account,
// not per Region), and for the roles Lattice auth policies name — the callers — their trust
// policy, tags, inline and attached identity policies. Other roles are only counted. Without
// IAM read permission the account gets one message and discovery goes on without its roles.

import {
  GetPolicyCommand,
  GetPolicyVersionCommand,
  GetRoleCommand,
  GetRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  ListRolesCommand,
  type IAMClient,
  type Role,
} from '@aws-sdk/client-iam';
import { callerFromArn, principalsInPolicies } from '@/lib/access';
import { edgeKey, type DiscoveryError, type IdentityPolicy, type Topology, type TopologyEdge, type TopologyNode } from '@/lib/topology';
import { allPages, call, type CallContext } from './calls';
import { describeAwsError, isAccessDenied } from './errors';
import type { FailureLog } from './failures';
import { parsePolicy, toJsonObject } from './json';

/** IAM's page limit for ListRoles and the policy lists. */
const PAGE = 1000;

export interface RoleDetail {
  role: Role;
  inline: { name: string; document: string }[];
  attached: { name: string; arn: string; versionId?: string; document?: string }[];
}

export interface IamInventory {
  account: string;
  /** Every role ListRoles returned (counted; described only when a caller). */
  roles: Role[];
  /** The callers' roles, read in detail, by ARN. */
  details: Map<string, RoleDetail>;
  /** Customer and AWS managed policies read (GetPolicy + GetPolicyVersion), by ARN. */
  managedPoliciesRead: number;
  /** Set when ListRoles was refused: the account's IAM could not be read at all. */
  denied?: DiscoveryError;
}

/** SDK v3 leaves IAM's policy documents URL-encoded, as IAM sends them. */
export function decodePolicyDocument(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The role a principal ARN stands for: a role ARN itself, or the role of an assumed-role session. */
export function roleOfPrincipal(principal: string): string | undefined {
  const c = callerFromArn(principal);
  if (!c || c.type !== 'AssumedRole') return undefined;
  return c.sessionArn ? c.principalArn : principal;
}

/** Role ARNs the auth policies of `topology` name (directly, through a session, or in aws:PrincipalArn). */
export function callerRoleArns(topology: Topology): Set<string> {
  const out = new Set<string>();
  for (const p of principalsInPolicies(topology)) {
    const role = roleOfPrincipal(p.principal);
    if (role) out.add(role);
  }
  return out;
}

/** Role ARNs compare without their path: a session ARN and a policy naming `role/NAME` carry none. */
export function roleKey(arn: string): string {
  const c = callerFromArn(arn);
  return c?.type === 'AssumedRole' && c.roleName ? `${c.account}/${c.roleName}` : arn;
}

/**
 * Lists the account's roles, then reads in detail those whose key is in `callers`. Managed
 * policies attached to several callers are read once.
 */
export async function readIam(ctx: CallContext, client: IAMClient, callers: ReadonlySet<string>, log: FailureLog): Promise<IamInventory> {
  const inventory: IamInventory = { account: ctx.account, roles: [], details: new Map(), managedPoliciesRead: 0 };
  try {
    inventory.roles = await allPages(async (Marker) => {
      const o = await call(ctx, 'ListRoles', () => client.send(new ListRolesCommand({ MaxItems: PAGE, Marker })));
      return { items: o.Roles, next: o.IsTruncated ? o.Marker : undefined };
    });
  } catch (err) {
    const info = describeAwsError(err);
    const what = isAccessDenied(info) ? 'IAM cannot be read' : 'IAM could not be read';
    inventory.denied = {
      account: ctx.account,
      region: '',
      operation: 'ListRoles',
      code: info.code,
      message: `${what} in account ${ctx.account} (${info.message}): its roles are not shown and callers' identity policies are not evaluated.`,
    };
    return inventory;
  }
  const wanted = inventory.roles.filter((r) => r.Arn && callers.has(roleKey(r.Arn)));
  const managed = new Map<string, Promise<{ versionId?: string; document?: string }>>();
  const readManaged = (arn: string) => {
    let p = managed.get(arn);
    if (!p) {
      inventory.managedPoliciesRead += 1;
      p = (async () => {
        const policy = await call(ctx, 'GetPolicy', () => client.send(new GetPolicyCommand({ PolicyArn: arn })));
        const versionId = policy.Policy?.DefaultVersionId;
        if (!versionId) return {};
        const version = await call(ctx, 'GetPolicyVersion', () => client.send(new GetPolicyVersionCommand({ PolicyArn: arn, VersionId: versionId })));
        return { versionId, document: decodePolicyDocument(version.PolicyVersion?.Document) };
      })().catch((err) => {
        log.record('GetPolicyVersion', err, arn);
        return {};
      });
      managed.set(arn, p);
    }
    return p;
  };
  await Promise.all(
    wanted.map(async (listed) => {
      const name = listed.RoleName!;
      try {
        const [got, inlineNames, attached] = await Promise.all([
          call(ctx, 'GetRole', () => client.send(new GetRoleCommand({ RoleName: name }))),
          allPages(async (Marker) => {
            const o = await call(ctx, 'ListRolePolicies', () => client.send(new ListRolePoliciesCommand({ RoleName: name, MaxItems: PAGE, Marker })));
            return { items: o.PolicyNames, next: o.IsTruncated ? o.Marker : undefined };
          }),
          allPages(async (Marker) => {
            const o = await call(ctx, 'ListAttachedRolePolicies', () => client.send(new ListAttachedRolePoliciesCommand({ RoleName: name, MaxItems: PAGE, Marker })));
            return { items: o.AttachedPolicies, next: o.IsTruncated ? o.Marker : undefined };
          }),
        ]);
        const inline = await Promise.all(
          inlineNames.map(async (policyName) => {
            const o = await call(ctx, 'GetRolePolicy', () => client.send(new GetRolePolicyCommand({ RoleName: name, PolicyName: policyName })));
            return { name: policyName, document: decodePolicyDocument(o.PolicyDocument) ?? '' };
          }),
        );
        const attachedRead = await Promise.all(
          attached
            .filter((a) => a.PolicyArn)
            .map(async (a) => ({ name: a.PolicyName ?? a.PolicyArn!, arn: a.PolicyArn!, ...(await readManaged(a.PolicyArn!)) })),
        );
        inventory.details.set(listed.Arn!, { role: got.Role ?? listed, inline, attached: attachedRead });
      } catch (err) {
        log.record('GetRole', err, listed.Arn);
      }
    }),
  );
  return inventory;
}

/** The roles of one account as Topology nodes: callers with their policies, no others. */
export function iamToTopology(inv: IamInventory, errors: DiscoveryError[]): Topology {
  const nodes: TopologyNode[] = [];
  for (const [arn, d] of inv.details) {
    const role = d.role;
    const identityPolicies: IdentityPolicy[] = [
      ...d.inline.map((p): IdentityPolicy => ({ name: p.name, kind: 'inline', policy: parsePolicy(p.document) })),
      ...d.attached.map((p): IdentityPolicy => ({ name: p.name, kind: 'managed', arn: p.arn, policy: p.document === undefined ? null : parsePolicy(p.document) })),
    ];
    const description = toJsonObject({ ...role, AssumeRolePolicyDocument: undefined, Tags: undefined });
    nodes.push({
      id: arn,
      kind: 'iamRole',
      account: inv.account,
      region: '',
      name: role.RoleName ?? arn,
      status: 'ACTIVE',
      resourceId: role.RoleId,
      tags: Object.fromEntries((role.Tags ?? []).filter((t) => t.Key).map((t) => [t.Key!, t.Value ?? ''])),
      seenBy: [inv.account],
      description,
      trustPolicy: parsePolicy(decodePolicyDocument(role.AssumeRolePolicyDocument)),
      identityPolicies,
    });
  }
  return { nodes, edges: [], errors: inv.denied ? [inv.denied, ...errors] : errors };
}

/**
 * Callers on the graph: every role an auth policy names becomes a node (a stub when its
 * account's IAM was not read, or it does not exist there), with an edge to each service whose
 * auth policy allows it by name, or whose network's policy does and the service has none.
 */
export function callerTopology(topology: Topology, readAccounts: ReadonlySet<string>): Topology {
  const byId = new Map(topology.nodes.map((n) => [n.id, n]));
  const roleByKey = new Map(topology.nodes.filter((n) => n.kind === 'iamRole').map((n) => [roleKey(n.id), n]));
  const nodes: TopologyNode[] = [];
  const edges = new Map<string, TopologyEdge>();
  const servicesOf = new Map<string, string[]>();
  for (const e of topology.edges) {
    if (e.kind !== 'serviceNetworkService') continue;
    const list = servicesOf.get(e.source) ?? [];
    list.push(e.target);
    servicesOf.set(e.source, list);
  }
  for (const p of principalsInPolicies(topology)) {
    const roleArn = roleOfPrincipal(p.principal);
    if (!roleArn) continue;
    let role = roleByKey.get(roleKey(roleArn));
    if (!role) {
      const account = callerFromArn(roleArn)?.account ?? '';
      const name = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      const read = readAccounts.has(account);
      role = {
        id: roleArn,
        kind: 'iamRole',
        account,
        region: '',
        name,
        status: read ? 'NOT_FOUND' : '',
        tags: {},
        seenBy: [],
        external: true,
        description: { RoleName: name, Arn: roleArn, ...(read ? { note: `No role ${name} in account ${account}: the policies name a role that does not exist.` } : {}) },
      };
      roleByKey.set(roleKey(roleArn), role);
      nodes.push(role);
    }
    for (const named of p.namedIn) {
      const owner = byId.get(named.resource);
      if (!owner || !allowsByName(owner, named.statement)) continue;
      // Through a network's policy: the network's services that add no auth policy of their own
      // (a service with AWS_IAM gets its edge only when its own policy names the role too).
      const services = owner.kind === 'service' ? [owner.id] : (servicesOf.get(owner.id) ?? []).filter((id) => byId.get(id)?.description.authType === 'NONE');
      for (const service of services) {
        const id = edgeKey('callerService', role.id, service);
        const edge = edges.get(id) ?? { id, kind: 'callerService' as const, source: role.id, target: service, description: { namedIn: [] } };
        (edge.description!.namedIn as string[]).push(`${owner.name} ${named.statement}`);
        edges.set(id, edge);
      }
    }
  }
  return { nodes, edges: [...edges.values()], errors: [] };
}

/** The statement names the principal in an Allow (a Deny or NotPrincipal naming it grants nothing). */
function allowsByName(owner: TopologyNode, statement: string): boolean {
  // A policy stored while the auth type is NONE is not in force.
  if (owner.authPolicy?.state?.toUpperCase() === 'INACTIVE') return false;
  const policy = owner.authPolicy?.policy;
  if (!policy || typeof policy !== 'object' || Array.isArray(policy)) return false;
  const raw = (policy as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
  const index = statement.startsWith('#') ? Number(statement.slice(1)) : list.findIndex((s) => (s as { Sid?: unknown })?.Sid === statement);
  const s = list[index] as { Effect?: unknown; NotPrincipal?: unknown } | undefined;
  return !!s && s.Effect === 'Allow' && s.NotPrincipal === undefined;
}
