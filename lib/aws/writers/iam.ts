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
  type IAMClient,
} from '@aws-sdk/client-iam';

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
