// The demo estate's accounts, as plain data: lattice-local's demo seed builds from it, the
// console's demo configuration, `npm start` and the e2e specs read it, and the README prints it.
// lattice-local credentials follow LocalStack's convention: the access key ID is the account
// ID and the secret is `test`.

export const DEMO_REGION = 'us-east-1';
export const DEMO_SECRET_ACCESS_KEY = 'test';

/** The emulated AWS Organization. Accounts outside it receive RAM invitations. */
export const DEMO_ORGANIZATION = {
  id: 'o-tr3llis7demo',
  managementAccountId: '111111111111',
  arn: 'arn:aws:organizations::111111111111:organization/o-tr3llis7demo',
} as const;

export type DemoAccountRole = 'network-hub' | 'application' | 'data' | 'partner';

export interface DemoAccount {
  id: string;
  name: string;
  role: DemoAccountRole;
  description: string;
  /** Member of DEMO_ORGANIZATION (shares reach it without an invitation once org sharing is on). */
  inOrganization: boolean;
  /** Role the console assumes in this account (STS AssumeRole into arn:aws:iam::ID:role/NAME). */
  consoleRoleName: string;
  /** Workload roles that exist in the estate, named in auth policies. */
  workloadRoleNames: string[];
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    id: '111111111111',
    name: 'network-hub',
    role: 'network-hub',
    description: 'Owns the service networks and shares them through RAM; organization management account.',
    inOrganization: true,
    consoleRoleName: 'TrellisConsole',
    workloadRoleNames: [],
  },
  {
    id: '222222222222',
    name: 'storefront',
    role: 'application',
    description: 'Customer-facing services: orders, checkout, catalog, search, cart, reviews.',
    inOrganization: true,
    consoleRoleName: 'TrellisConsole',
    workloadRoleNames: ['checkout-service', 'storefront-web'],
  },
  {
    id: '333333333333',
    name: 'payments',
    role: 'application',
    description: 'Payments, auth, notifications and fraud; an acquired business still outside the organization.',
    inOrganization: false,
    consoleRoleName: 'TrellisConsole',
    workloadRoleNames: ['payments-worker'],
  },
  {
    id: '444444444444',
    name: 'data-platform',
    role: 'data',
    description: 'Owns the resource gateway and the resource configurations for the orders database.',
    inOrganization: true,
    consoleRoleName: 'TrellisConsole',
    workloadRoleNames: [],
  },
  {
    id: '555555555555',
    name: 'analytics-partner',
    role: 'partner',
    description: 'An external analytics vendor invited to the shared service network; invitation still pending.',
    inOrganization: false,
    consoleRoleName: 'TrellisConsole',
    workloadRoleNames: [],
  },
];

export type DemoAccountName = 'network-hub' | 'storefront' | 'payments' | 'data-platform' | 'analytics-partner';

export function demoAccount(name: DemoAccountName): DemoAccount {
  const found = DEMO_ACCOUNTS.find((a) => a.name === name);
  if (!found) throw new Error(`no demo account named ${name}`);
  return found;
}

/** The organization with its members, as the demo seed creates it in lattice-local. */
export const DEMO_ORGANIZATION_WITH_MEMBERS = {
  ...DEMO_ORGANIZATION,
  members: DEMO_ACCOUNTS.filter((a) => a.inOrganization).map((a) => a.id),
};

/** The account whose keys the console starts with (the hub; it assumes roles in the others). */
export const DEMO_BASE_ACCOUNT = '111111111111';

/** The role allowed by the orders auth policy (the policy every Lattice user meets first). */
export const DEMO_ORDERS_CALLER_ROLE_ARN = 'arn:aws:iam::222222222222:role/checkout-service';
