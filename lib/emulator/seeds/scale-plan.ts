// The shape of the generated `scale` estate, decided before anything is written: which
// accounts exist, how many services each owns, and how many service networks the hub needs.
// Sized within AWS's default quotas so the estate is one AWS could hold.

/** Default quotas the plan respects (research/perf-reliability.md §1.1). */
export const SCALE_QUOTAS = {
  servicesPerAccount: 2000,
  targetGroupsPerAccount: 500,
  serviceAssociationsPerServiceNetwork: 500,
  serviceNetworksPerAccount: 50,
} as const;

export const SCALE_MAX_SERVICES = 10_000;
export const SCALE_DEFAULT_ACCOUNTS = 20;
export const SCALE_DEFAULT_SERVICES = 2000;

export interface ScalePlan {
  /** The hub owns the service networks and shares them with the organization. */
  hub: string;
  /** Application accounts, each owning `servicesPerAccount[i]` services. */
  applications: string[];
  servicesPerAccount: number[];
  serviceNetworks: number;
  totalServices: number;
}

/** Account IDs of a scale estate with `count` accounts: 100000000001, 100000000002, … */
export function scaleAccountIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(100_000_000_001 + i));
}

/** Checks the sizes and spreads the services; throws a message naming the flag at fault. */
export function planScale(accounts: number = SCALE_DEFAULT_ACCOUNTS, services: number = SCALE_DEFAULT_SERVICES): ScalePlan {
  if (!Number.isInteger(accounts) || accounts < 2) throw new Error(`--accounts must be an integer of at least 2 (a hub and one application account), got ${accounts}`);
  if (!Number.isInteger(services) || services < 1 || services > SCALE_MAX_SERVICES) {
    throw new Error(`--services must be an integer from 1 to ${SCALE_MAX_SERVICES}, got ${services}`);
  }
  const ids = scaleAccountIds(accounts);
  const applications = ids.slice(1);
  const needed = Math.ceil(services / SCALE_QUOTAS.servicesPerAccount);
  if (applications.length < needed) {
    throw new Error(
      `--services ${services} needs at least ${needed + 1} accounts (${SCALE_QUOTAS.servicesPerAccount} services per account is AWS's default quota); got --accounts ${accounts}`,
    );
  }
  const base = Math.floor(services / applications.length);
  const extra = services % applications.length;
  const servicesPerAccount = applications.map((_, i) => base + (i < extra ? 1 : 0));
  const serviceNetworks = Math.max(1, Math.ceil(services / SCALE_QUOTAS.serviceAssociationsPerServiceNetwork));
  if (serviceNetworks > SCALE_QUOTAS.serviceNetworksPerAccount) throw new Error(`--services ${services} needs more service networks than one hub account may own`);
  return { hub: ids[0]!, applications, servicesPerAccount, serviceNetworks, totalServices: services };
}

const DOMAINS = ['orders', 'payments', 'inventory', 'checkout', 'catalog', 'auth', 'search', 'notifications', 'shipping', 'pricing', 'reviews', 'cart', 'billing', 'ledger', 'identity', 'profile', 'recommendations', 'fulfillment', 'returns', 'loyalty'];
const ROLES = ['api', 'worker', 'gateway', 'reader', 'writer', 'events', 'sync', 'admin'];

/** A realistic, unique service name for service `n` of an account (3–40 chars, Lattice's pattern). */
export function scaleServiceName(n: number): string {
  const domain = DOMAINS[n % DOMAINS.length]!;
  const role = ROLES[Math.floor(n / DOMAINS.length) % ROLES.length]!;
  return `${domain}-${role}-${n}`;
}
