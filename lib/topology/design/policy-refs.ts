// References inside auth policy text to resources of the same design, and the placeholders a
// template may leave for the user. A policy written for a service the design creates cannot
// name that service's ARN (it has none yet), so it says `${service.arn}`; the plan resolves
// it where the ARN is known (a live resource) and the apply fills in the rest once the
// resource is created. A placeholder (SERVICE_ID, ACCOUNT_ID…) is never sent to AWS: a plan
// is refused while one is left.
import type { Topology } from '../types';
import type { Design, DesignRecord } from './types';

/** The references a policy may use: the ARN of the service or service network it is attached to. */
export const POLICY_REFS = ['${service.arn}', '${serviceNetwork.arn}'] as const;
const REF_PATTERN = /\$\{(service|serviceNetwork)\.arn\}/g;

/** Words templates used to leave for the user, and IAM's documentation examples that deny everyone when sent as they are. */
const PLACEHOLDERS: { pattern: RegExp; what: string }[] = [
  { pattern: /\bSERVICE_ID\b/, what: 'SERVICE_ID' },
  { pattern: /\bSERVICE_NETWORK_ID\b/, what: 'SERVICE_NETWORK_ID' },
  { pattern: /\bACCOUNT_ID\b/, what: 'ACCOUNT_ID' },
  { pattern: /\bo-exampleorgid\b/, what: 'o-exampleorgid' },
  { pattern: /<[A-Za-z_ -]{2,40}>/, what: 'a <placeholder>' },
  { pattern: /\$\{(?!(service|serviceNetwork)\.arn\})[^}]*\}/, what: 'an unknown ${…} reference' },
];

export function hasPolicyRef(text: string): boolean {
  REF_PATTERN.lastIndex = 0;
  return REF_PATTERN.test(text);
}

/** The first placeholder left in a policy, in words, or null. */
export function policyPlaceholder(text: string): string | null {
  for (const p of PLACEHOLDERS) if (p.pattern.test(text)) return p.what;
  return null;
}

/** The policy on one line, as Lattice accepts it (it refuses newlines); text that is not JSON stays as it is. */
export function compactPolicy(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

/** Fills the references with the ARN of the resource the policy is attached to (apply time). */
export function fillPolicyRefs(text: string, resourceArn: string): string {
  if (!resourceArn.startsWith('arn:')) return text;
  return text.replace(REF_PATTERN, resourceArn);
}

/** The ARN of a policy's owner when it is known before apply: a live resource, or a design record taken from one. */
export function knownOwnerArn(design: Design, policy: DesignRecord, live?: Topology): string | undefined {
  const ref = policy.spec.resourceIdentifier;
  if (typeof ref !== 'string' || !ref) return undefined;
  const record = design.records[ref];
  if (record) {
    if (record.arn) return record.arn;
    // Created by an earlier apply of this design: the live resource of the same kind, account and name.
    const name = record.spec.name;
    const node = typeof name === 'string' ? live?.nodes.find((n) => n.kind === record.kind && n.account === record.account && n.name === name) : undefined;
    return node?.id;
  }
  if (ref.startsWith('arn:')) return ref;
  const node = live?.nodes.find((n) => n.resourceId === ref && (n.kind === 'service' || n.kind === 'serviceNetwork'));
  return node?.id;
}

/**
 * The design with every reference whose owner's ARN is known filled in (so the plan compares
 * it with the live policy as AWS holds it). `arnOf` may name an ARN for records not created
 * yet, for analyses of the desired state. `unresolved` lists the policies still holding one.
 */
export function resolvePolicyRefs(design: Design, live?: Topology, arnOf?: (recordId: string) => string | undefined): { design: Design; unresolved: string[] } {
  let records: Design['records'] | null = null;
  const unresolved: string[] = [];
  for (const r of Object.values(design.records)) {
    if (r.kind !== 'authPolicy' || r.removed || typeof r.spec.policy !== 'string' || !hasPolicyRef(r.spec.policy)) continue;
    const owner = typeof r.spec.resourceIdentifier === 'string' ? r.spec.resourceIdentifier : '';
    const arn = knownOwnerArn(design, r, live) ?? (owner ? arnOf?.(owner) : undefined);
    if (!arn) {
      unresolved.push(r.id);
      continue;
    }
    records ??= { ...design.records };
    records[r.id] = { ...r, spec: { ...r.spec, policy: fillPolicyRefs(r.spec.policy, arn) } };
  }
  return { design: records ? { ...design, records } : design, unresolved };
}
