// The inputs people send: a share to make (resources and principals), and an answer to an
// invitation. Checked here, before anything reaches RAM, with errors naming the field and
// the rule; the route handlers turn a ZodError into a 400 listing them.
import { z } from 'zod';
import type { TopologyNode } from '@/lib/topology';
import { checkPrincipal, checkResourceArn, shareBlocker, type Principal, type ShareableType } from './rules';

const INVITATION_ARN = /^arn:aws[a-z-]*:ram:[a-z0-9-]+:\d{12}:resource-share-invitation\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SHARE_ARN = /^arn:aws[a-z-]*:ram:[a-z0-9-]+:\d{12}:resource-share\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const INVITATION_ARN_RULE = 'a RAM invitation ARN: arn:aws:ram:REGION:ACCOUNT:resource-share-invitation/UUID';
export const SHARE_ARN_RULE = 'a RAM resource share ARN: arn:aws:ram:REGION:ACCOUNT:resource-share/UUID';

export const invitationAnswerSchema = z.object({
  invitationArn: z.string({ error: INVITATION_ARN_RULE }).trim().regex(INVITATION_ARN, INVITATION_ARN_RULE),
});

export type InvitationAnswer = z.infer<typeof invitationAnswerSchema>;

export const shareArnSchema = z.string({ error: SHARE_ARN_RULE }).trim().regex(SHARE_ARN, SHARE_ARN_RULE);

/** Splits "1111, 2222\n3333" into entries; lists are accepted as they are. */
const entries = (value: unknown) =>
  typeof value === 'string'
    ? value
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean)
    : value;

export const shareRequestSchema = z
  .object({
    name: z.string({ error: 'a name for the share' }).trim().min(1, 'a name for the share').max(255, 'at most 255 characters'),
    resourceArns: z.preprocess(entries, z.array(z.string({ error: 'an ARN' }).trim(), { error: 'a list of resource ARNs' }).min(1, 'at least one resource to share')),
    principals: z.preprocess(
      entries,
      z.array(z.string({ error: 'an account id or organization ARN' }).trim(), { error: 'a list of account ids or organization ARNs' }).min(1, 'at least one account id, organization or OU to share with'),
    ),
    allowExternalPrincipals: z.boolean({ error: 'true or false' }).default(true),
  })
  .superRefine((input, ctx) => {
    const owners = new Map<string, string>();
    input.resourceArns.forEach((arn, i) => {
      const check = checkResourceArn(arn);
      if (!check.ok) ctx.addIssue({ code: 'custom', path: ['resourceArns', i], message: check.rule });
      else owners.set(`${check.account}|${check.region}`, arn);
      if (input.resourceArns.indexOf(arn) !== i) ctx.addIssue({ code: 'custom', path: ['resourceArns', i], message: `${arn} is listed twice` });
    });
    if (owners.size > 1) {
      ctx.addIssue({ code: 'custom', path: ['resourceArns'], message: 'every resource of a share must belong to one account and Region (a share is made by the owner of what it shares)' });
    }
    const owner = owners.size === 1 ? [...owners.keys()][0].split('|')[0] : undefined;
    input.principals.forEach((p, i) => {
      const check = checkPrincipal(p);
      if (!check.ok) ctx.addIssue({ code: 'custom', path: ['principals', i], message: check.rule });
      else if (check.principal.kind === 'account' && check.principal.account === owner) {
        ctx.addIssue({ code: 'custom', path: ['principals', i], message: `account ${p} owns the resources; share with other accounts` });
      }
      if (input.principals.indexOf(p) !== i) ctx.addIssue({ code: 'custom', path: ['principals', i], message: `${p} is listed twice` });
    });
  });

export type ShareRequestInput = z.input<typeof shareRequestSchema>;
export type ShareRequest = z.output<typeof shareRequestSchema>;

export interface CheckedShare {
  name: string;
  owner: string;
  region: string;
  resources: { arn: string; type: ShareableType }[];
  principals: Principal[];
  allowExternalPrincipals: boolean;
}

/** A parsed request as the typed parts the rest of Trellis uses. */
export function checkedShare(request: ShareRequest): CheckedShare {
  const resources = request.resourceArns.map((arn) => {
    const check = checkResourceArn(arn);
    if (!check.ok) throw new Error(check.rule);
    return { arn, type: check.type, account: check.account, region: check.region };
  });
  const principals = request.principals.map((p) => {
    const check = checkPrincipal(p);
    if (!check.ok) throw new Error(check.rule);
    return check.principal;
  });
  return {
    name: request.name,
    owner: resources[0].account,
    region: resources[0].region,
    resources: resources.map(({ arn, type }) => ({ arn, type })),
    principals,
    allowExternalPrincipals: request.allowExternalPrincipals,
  };
}

export interface ShareProblem {
  path: string;
  rule: string;
}

/**
 * What the live estate says against a well-formed share: an owner Trellis does not act in
 * (which includes re-sharing what another account shared), resources discovery has not
 * seen, a CHILD configuration, a network that refuses sharing.
 */
export function checkShareAgainstEstate(share: CheckedShare, nodes: ReadonlyMap<string, Pick<TopologyNode, 'id' | 'kind' | 'name' | 'description' | 'external'>>, configuredAccounts: ReadonlySet<string>): ShareProblem[] {
  const problems: ShareProblem[] = [];
  if (!configuredAccounts.has(share.owner)) {
    problems.push({ path: 'resourceArns', rule: `account ${share.owner} owns the resources, and Trellis is not configured to act in it` });
  }
  share.resources.forEach((r, i) => {
    const node = nodes.get(r.arn);
    if (!node || node.external) {
      problems.push({ path: `resourceArns.${i}`, rule: `${r.arn} is not in the discovered estate (refresh the topology if it was just created)` });
      return;
    }
    const blocker = shareBlocker(node);
    if (blocker) problems.push({ path: `resourceArns.${i}`, rule: blocker });
  });
  return problems;
}
