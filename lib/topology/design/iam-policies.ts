// Caller roles: the trust policy that says who may assume a role, and the identity policy that
// lets it call Lattice services (vpc-lattice-svcs:Invoke). Builders for the designer's helpers,
// readers for its forms, and the checks IAM makes that its model does not state.
import type { Json } from '../types';

/** Services that commonly run workloads as a role: what a caller role trusts. */
export const TRUSTED_SERVICES = [
  { principal: 'ec2.amazonaws.com', label: 'EC2 instances' },
  { principal: 'lambda.amazonaws.com', label: 'Lambda functions' },
  { principal: 'ecs-tasks.amazonaws.com', label: 'ECS tasks' },
  { principal: 'pods.eks.amazonaws.com', label: 'EKS pods (Pod Identity)' },
] as const;

const VERSION = '2012-10-17';

/** A trust policy letting the services (and accounts, by their root) assume the role. */
export function trustPolicy(services: readonly string[], accounts: readonly string[] = []): string {
  const statements: Json[] = [];
  if (services.length) statements.push({ Effect: 'Allow', Principal: { Service: services.length === 1 ? services[0] : [...services] }, Action: 'sts:AssumeRole' });
  if (accounts.length) {
    const roots = accounts.map((a) => `arn:aws:iam::${a}:root`);
    statements.push({ Effect: 'Allow', Principal: { AWS: roots.length === 1 ? roots[0] : roots }, Action: 'sts:AssumeRole' });
  }
  // Pod Identity also tags the session.
  if (services.includes('pods.eks.amazonaws.com') && statements[0] && typeof statements[0] === 'object' && !Array.isArray(statements[0])) statements[0].Action = ['sts:AssumeRole', 'sts:TagSession'];
  return JSON.stringify({ Version: VERSION, Statement: statements }, null, 2);
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

function statementsOf(text: unknown): Record<string, unknown>[] | null {
  if (typeof text !== 'string') return null;
  try {
    const doc = JSON.parse(text) as { Statement?: unknown };
    return asList(doc.Statement).filter((s): s is Record<string, unknown> => !!s && typeof s === 'object');
  } catch {
    return null;
  }
}

/** The services a trust policy lets assume the role (Allow statements only). */
export function trustedServices(text: unknown): string[] {
  const out = new Set<string>();
  for (const s of statementsOf(text) ?? []) {
    if (s.Effect !== 'Allow' || !s.Principal || typeof s.Principal !== 'object') continue;
    for (const p of asList((s.Principal as Record<string, unknown>).Service)) if (typeof p === 'string') out.add(p);
  }
  return [...out];
}

/** An identity policy allowing the role to invoke the services (every path and method of each). */
export function invokePolicy(serviceArns: readonly string[]): string {
  const resources = serviceArns.map((arn) => `${arn}/*`);
  return JSON.stringify({ Version: VERSION, Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: resources.length === 1 ? resources[0] : resources }] }, null, 2);
}

/** The services an identity policy allows invoking (`…:service/svc-…` ARNs its Invoke statements name). */
export function invokedServices(text: unknown): string[] {
  const out = new Set<string>();
  for (const s of statementsOf(text) ?? []) {
    if (s.Effect !== 'Allow' || !asList(s.Action).some((a) => a === 'vpc-lattice-svcs:Invoke' || a === 'vpc-lattice-svcs:*')) continue;
    for (const r of asList(s.Resource)) if (typeof r === 'string') out.add(r.replace(/\/\*$/, ''));
  }
  return [...out];
}

/** IAM counts a role's inline policies together, whitespace excluded (IAM quotas: role policy size). */
export const ROLE_INLINE_POLICY_MAX_CHARS = 10240;

/** What IAM refuses in a policy document that its model's pattern lets through: text that is not a policy. */
export function policyDocumentProblem(text: unknown, kind: 'trust' | 'identity'): string | null {
  if (typeof text !== 'string' || !text.trim()) return 'A policy document is required.';
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return 'The policy document is not JSON (IAM answers MalformedPolicyDocument).';
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return 'The policy document must be a JSON object.';
  const statements = asList((doc as Record<string, unknown>).Statement);
  if (!statements.length) return 'The policy document has no Statement.';
  for (const s of statements) {
    if (!s || typeof s !== 'object') return 'Every Statement must be an object.';
    const st = s as Record<string, unknown>;
    if (st.Effect !== 'Allow' && st.Effect !== 'Deny') return 'Every Statement needs Effect "Allow" or "Deny".';
    if (st.Action === undefined && st.NotAction === undefined) return 'Every Statement needs an Action.';
    if (kind === 'trust' && st.Principal === undefined && st.NotPrincipal === undefined) return 'A trust policy names who may assume the role: every Statement needs a Principal.';
    if (kind === 'identity' && !asList(st.Resource ?? st.NotResource).length) return 'Every Statement of an identity policy needs a Resource: choose the services it may invoke.';
  }
  return null;
}
