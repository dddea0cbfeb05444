// The principals an estate's auth policies name (in Principal, NotPrincipal, and conditions on
// aws:PrincipalArn / aws:PrincipalAccount), for the panel's caller picker and the plan's
// "who gains, who loses".
import type { Topology, TopologyNode } from '@/lib/topology/types';
import { callerFromArn, policyDocument } from './policy';

export interface NamedPrincipal {
  /** An IAM ARN: role, user, session, or the account root (`arn:aws:iam::ACCOUNT:root`). */
  principal: string;
  kind: 'role' | 'session' | 'user' | 'account' | 'federated';
  account: string;
  /** Where it is named: the policy owner's ARN and the statement (Sid or #index). */
  namedIn: { resource: string; name: string; statement: string }[];
}

type J = unknown;
const isObj = (v: J): v is Record<string, J> => !!v && typeof v === 'object' && !Array.isArray(v);
const list = (v: J): J[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const PRINCIPAL_KEYS = new Set(['aws:principalarn', 'aws:principalaccount']);

/** Principal ARNs named in one policy, with the statement each is named in. */
export function principalsInPolicy(policy: unknown): { principal: string; statement: string }[] {
  const out: { principal: string; statement: string }[] = [];
  const { statements } = policyDocument(policy);
  statements.forEach((s, i) => {
    const sid = typeof s.Sid === 'string' && s.Sid ? s.Sid : `#${i}`;
    const add = (v: J) => {
      if (typeof v !== 'string' || v.includes('*') || v.includes('?')) return;
      const c = callerFromArn(v);
      if (!c) return;
      out.push({ principal: /^\d{12}$/.test(v) ? c.principalArn : v, statement: sid });
    };
    for (const which of ['Principal', 'NotPrincipal'] as const) {
      const p = s[which];
      if (isObj(p)) for (const v of list(p.AWS)) add(v);
    }
    if (isObj(s.Condition)) {
      for (const block of Object.values(s.Condition)) {
        if (!isObj(block)) continue;
        for (const [k, v] of Object.entries(block)) if (PRINCIPAL_KEYS.has(k.toLowerCase())) for (const x of list(v)) add(x);
      }
    }
  });
  return out;
}

function kindOf(arn: string): NamedPrincipal['kind'] {
  if (/:assumed-role\//.test(arn)) return 'session';
  if (/:role\//.test(arn)) return 'role';
  if (/:user\//.test(arn)) return 'user';
  if (/:federated-user\//.test(arn)) return 'federated';
  return 'account';
}

/** Every principal named in the auth policies of `topology` (services and service networks), sorted. */
export function principalsInPolicies(topology: Topology, only?: (n: TopologyNode) => boolean): NamedPrincipal[] {
  const found = new Map<string, NamedPrincipal>();
  for (const n of topology.nodes) {
    if ((n.kind !== 'service' && n.kind !== 'serviceNetwork') || !n.authPolicy?.policy) continue;
    if (only && !only(n)) continue;
    for (const { principal, statement } of principalsInPolicy(n.authPolicy.policy)) {
      let entry = found.get(principal);
      if (!entry) {
        entry = { principal, kind: kindOf(principal), account: callerFromArn(principal)?.account ?? '', namedIn: [] };
        found.set(principal, entry);
      }
      if (!entry.namedIn.some((x) => x.resource === n.id && x.statement === statement)) entry.namedIn.push({ resource: n.id, name: n.name, statement });
    }
  }
  const order = { role: 0, session: 1, user: 2, federated: 3, account: 4 };
  return [...found.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.principal.localeCompare(b.principal));
}
