// Auth policy templates the policy editor offers. Each is filled in for the resource it is
// written for; the method-and-path template is the one most Lattice users start from.

export interface PolicyContext {
  region: string;
  account: string;
  /** The resource's ARN when it exists, else a placeholder the user replaces. */
  resourceArn?: string;
  /** Service id for the method/path policy's Resource (`service/svc-…/*`). */
  serviceId?: string;
  /** The role allowed by the method/path policy. */
  roleArn?: string;
  /** What the policy is attached to: a service's policy names the service by reference until it exists. */
  owner?: 'service' | 'serviceNetwork';
  /** The AWS Organization the estate belongs to (read from its RAM shares), for aws:PrincipalOrgID. */
  organizationId?: string;
}

export interface PolicyTemplate {
  id: string;
  title: string;
  description: string;
  build(ctx: PolicyContext): string;
}

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

export const POLICY_TEMPLATES: readonly PolicyTemplate[] = [
  {
    id: 'method-path',
    title: 'One role, GET and POST on /orders*',
    description: 'Allows one IAM role to invoke GET and POST requests whose path starts with /orders; denies every other principal.',
    build: (ctx) => {
      const role = ctx.roleArn ?? `arn:aws:iam::${ctx.account}:role/orders-client`;
      // The service's own ARN when it exists; otherwise a reference the plan fills in once it is created.
      const resource =
        ctx.owner === 'serviceNetwork'
          ? '*'
          : ctx.resourceArn
            ? `${ctx.resourceArn}/*`
            : ctx.serviceId
              ? `arn:aws:vpc-lattice:${ctx.region}:${ctx.account}:service/${ctx.serviceId}/*`
              : '${service.arn}/*';
      return doc([
        {
          Effect: 'Allow',
          Principal: { AWS: [role] },
          Action: 'vpc-lattice-svcs:Invoke',
          Resource: resource,
          Condition: { StringEquals: { 'vpc-lattice-svcs:RequestMethod': ['GET', 'POST'] }, StringLike: { 'vpc-lattice-svcs:RequestPath': '/orders*' } },
        },
        { Effect: 'Deny', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: resource, Condition: { StringNotLike: { 'aws:PrincipalArn': [role] } } },
      ]);
    },
  },
  {
    id: 'same-account',
    title: 'Callers from this account',
    description: 'Allows any authenticated principal of the owning account to invoke.',
    build: (ctx) => doc([{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${ctx.account}:root` }, Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }]),
  },
  {
    id: 'organization',
    title: 'Callers from my organization',
    description: 'Allows authenticated principals whose account belongs to one AWS Organization.',
    build: (ctx) =>
      doc([{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalOrgID': ctx.organizationId ?? 'o-exampleorgid' } } }]),
  },
  {
    id: 'authenticated',
    title: 'Any authenticated caller',
    description: 'Allows every signed request (no anonymous callers).',
    build: () => doc([{ Effect: 'Allow', Principal: '*', Action: 'vpc-lattice-svcs:Invoke', Resource: '*', Condition: { StringNotEqualsIgnoreCase: { 'aws:PrincipalType': 'anonymous' } } }]),
  },
];
