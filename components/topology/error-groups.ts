// Discovery errors folded by what went wrong: when lattice-local is down every account fails
// the same way, and a person should read that once, with the accounts it hit.
import type { DiscoveryError } from '@/lib/topology';

export interface ErrorGroup {
  /** What went wrong, without the account it happened in. */
  reason: string;
  /** The failed call, for errors that hit some resources only. */
  operation?: string;
  code?: string;
  hits: { account: string; region: string }[];
}

// "Cannot assume <role ARN>: …" and "Cannot read the account: …" (lib/aws/discover.ts) name the account's own part first.
const ACCOUNT_PREFIX = /^(?:Cannot assume \S+|Cannot read the account): /;
// "<Operation> failed (3 resources, e.g. …): …" (lib/aws/failures.ts).
const OPERATION_PREFIX = /^[A-Za-z]+ failed(?: \([^)]*\))?: /;

export function reasonOf(error: DiscoveryError): string {
  return error.operation ? error.message.replace(OPERATION_PREFIX, '') : error.message.replace(ACCOUNT_PREFIX, '');
}

/** Groups by reason (and operation), in the order each reason first appears; each account and region once per group. */
export function groupErrors(errors: readonly DiscoveryError[]): ErrorGroup[] {
  const groups = new Map<string, ErrorGroup>();
  for (const e of errors) {
    const reason = reasonOf(e);
    const key = `${e.operation ?? ''}|${reason}`;
    let group = groups.get(key);
    if (!group) {
      group = { reason, hits: [] };
      if (e.operation) group.operation = e.operation;
      if (e.code) group.code = e.code;
      groups.set(key, group);
    }
    if (!group.hits.some((h) => h.account === e.account && h.region === e.region)) group.hits.push({ account: e.account, region: e.region });
  }
  return [...groups.values()];
}

/** "payments, storefront (eu-west-1) and 3 more": the accounts a group hit, by name. */
export function hitList(hits: ErrorGroup['hits'], accountNames: ReadonlyMap<string, string>, shown = 6): string {
  const regions = new Set(hits.map((h) => h.region));
  const label = (h: ErrorGroup['hits'][number]) => {
    const name = h.account ? (accountNames.get(h.account) ?? h.account) : 'configuration';
    return regions.size > 1 && h.region ? `${name} (${h.region})` : name;
  };
  const names = hits.slice(0, shown).map(label);
  if (hits.length > shown) return `${names.join(', ')} and ${hits.length - shown} more`;
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? '');
}
