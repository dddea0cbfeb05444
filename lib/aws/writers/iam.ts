// The IAM write calls a plan makes: caller roles and their inline (identity) policies.
import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  DetachRolePolicyCommand,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
  UpdateRoleCommand,
  ListRolesCommand,
  type IAMClient,
} from '@aws-sdk/client-iam';
import type { Topology } from '@/lib/topology';
import { allPages, call, emptyStats, type CallContext } from '../calls';
import type { AccountAccess } from '../clients';
import { createFailureLog } from '../failures';
import { iamToTopology, readIam, roleKey } from '../iam';
import { IAM_SIGNING_REGION, iamClientFor } from '../iam-client';
import { createPool } from '../pool';

type Input = Record<string, unknown>;
const as = <T>(input: Input) => input as unknown as T;

/**
 * IAM refuses to delete a role that still has policies (DeleteConflict). Deleting a role in a
 * design means deleting what it holds, as the IAM console does: inline policies are deleted
 * and managed policies detached first.
 */
async function deleteRole(c: IAMClient, i: Input): Promise<unknown> {
  const RoleName = String(i.RoleName);
  for (let marker: string | undefined, more = true; more; ) {
    const page = await c.send(new ListRolePoliciesCommand({ RoleName, ...(marker ? { Marker: marker } : {}) }));
    for (const PolicyName of page.PolicyNames ?? []) await c.send(new DeleteRolePolicyCommand({ RoleName, PolicyName }));
    more = !!page.IsTruncated && !!page.Marker;
    marker = page.Marker;
  }
  for (let marker: string | undefined, more = true; more; ) {
    const page = await c.send(new ListAttachedRolePoliciesCommand({ RoleName, ...(marker ? { Marker: marker } : {}) }));
    for (const p of page.AttachedPolicies ?? []) if (p.PolicyArn) await c.send(new DetachRolePolicyCommand({ RoleName, PolicyArn: p.PolicyArn }));
    more = !!page.IsTruncated && !!page.Marker;
    marker = page.Marker;
  }
  return c.send(new DeleteRoleCommand({ RoleName }));
}

export const iamWriters = {
  CreateRole: (c: IAMClient, i: Input) => c.send(new CreateRoleCommand(as(i))),
  UpdateRole: (c: IAMClient, i: Input) => c.send(new UpdateRoleCommand(as(i))),
  UpdateAssumeRolePolicy: (c: IAMClient, i: Input) => c.send(new UpdateAssumeRolePolicyCommand(as(i))),
  DeleteRole: deleteRole,
  TagRole: (c: IAMClient, i: Input) => c.send(new TagRoleCommand(as(i))),
  UntagRole: (c: IAMClient, i: Input) => c.send(new UntagRoleCommand(as(i))),
  PutRolePolicy: (c: IAMClient, i: Input) => c.send(new PutRolePolicyCommand(as(i))),
  DeleteRolePolicy: (c: IAMClient, i: Input) => c.send(new DeleteRolePolicyCommand(as(i))),
};

export type IamWriteCall = keyof typeof iamWriters;

/**
 * The roles a plan holds, read as discovery reads callers (trust policy, tags, inline and
 * attached policies), for roles discovery leaves out because no auth policy names them yet.
 * Names compare as IAM compares them, ignoring case.
 */
export async function readRoles(access: AccountAccess, names: readonly string[]): Promise<Topology> {
  if (!names.length) return { nodes: [], edges: [], errors: [] };
  const ctx: CallContext = { account: access.id, region: IAM_SIGNING_REGION, pool: createPool(4), stats: emptyStats() };
  const log = createFailureLog();
  const client = iamClientFor(access);
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const listed = await allPages(async (Marker) => {
    const o = await call(ctx, 'ListRoles', () => client.send(new ListRolesCommand({ MaxItems: 1000, Marker })));
    return { items: o.Roles, next: o.IsTruncated ? o.Marker : undefined };
  });
  const callers = new Set(listed.filter((r) => r.Arn && r.RoleName && wanted.has(r.RoleName.toLowerCase())).map((r) => roleKey(r.Arn!)));
  const inventory = await readIam(ctx, client, callers, log);
  if (inventory.denied) throw Object.assign(new Error(inventory.denied.message), { name: inventory.denied.code ?? 'AccessDenied' });
  const errors = log.toErrors(access.id, '');
  if (errors.length) throw Object.assign(new Error(errors[0].message), { name: errors[0].code ?? 'ReadFailed' });
  return iamToTopology(inventory, []);
}
