// Discovery of the recipe's other sides against lattice-local: IAM callers (once per account),
// Lambda functions with the policies of those LAMBDA targets register, log groups; and an
// account whose console role may not read IAM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOperation, startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { DEMO_ACCOUNTS } from '@/lib/demo';
import { evaluateAccess } from '@/lib/access';
import { pointSdkAt } from '@/lib/testing/sdk';
import { demoAccounts } from './accounts-config';
import { forgetClients } from './clients';
import { discoverEstate, type DiscoveryTarget } from './discover';

let local: LatticeLocal;
const saved = { ...process.env };
const id = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;
const HUB = id('network-hub');
const STOREFRONT = id('storefront');
const PAYMENTS = id('payments');
const CHECKOUT_ROLE = `arn:aws:iam::${STOREFRONT}:role/checkout-service`;
const GHOST_ROLE = `arn:aws:iam::${STOREFRONT}:role/ghost-caller`;
const LATTICE_ONLY_ROLE = `arn:aws:iam::${PAYMENTS}:role/TrellisLatticeReader`;

beforeAll(async () => {
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  pointSdkAt(local.url, HUB);
  const call = (account: string, service: 'iam' | 'lambda', operation: string, input: Record<string, unknown>) => callOperation(local.context, { service, operation, account, region: 'us-east-1', input });
  // A function no target registers: listed, its policy not read.
  await call(STOREFRONT, 'lambda', 'CreateFunction', { FunctionName: 'nightly-report', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: `arn:aws:iam::${STOREFRONT}:role/lambda-execution`, Code: { ZipFile: Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]).toString('base64') } });
  // The checkout service's policy also names a role that does not exist.
  const services = await callOperation(local.context, { service: 'vpc-lattice', operation: 'ListServices', account: STOREFRONT, region: 'us-east-1', input: {} });
  const checkout = (services.items as { name: string; arn: string; id: string }[]).find((s) => s.name === 'checkout')!;
  await callOperation(local.context, {
    service: 'vpc-lattice',
    operation: 'PutAuthPolicy',
    account: STOREFRONT,
    region: 'us-east-1',
    input: { resourceIdentifier: checkout.id, policy: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: GHOST_ROLE }, Action: 'vpc-lattice-svcs:Invoke', Resource: `${checkout.arn}/*` }] }) },
  });
  // A console role in payments that reads Lattice, RAM, EC2, Lambda and Logs, but not IAM.
  await call(PAYMENTS, 'iam', 'CreateRole', {
    RoleName: 'TrellisLatticeReader',
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${HUB}:root` }, Action: 'sts:AssumeRole' }] }),
  });
  await call(PAYMENTS, 'iam', 'PutRolePolicy', {
    RoleName: 'TrellisLatticeReader',
    PolicyName: 'read-all-but-iam',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['vpc-lattice:Get*', 'vpc-lattice:List*', 'ram:Get*', 'ec2:Describe*', 'lambda:Get*', 'lambda:List*', 'logs:Describe*', 'tag:GetResources'], Resource: '*' }] }),
  });
});

afterAll(async () => {
  forgetClients();
  await local?.stop();
  process.env = saved;
});

const targets = (regions = ['us-east-1'], override: Record<string, string> = {}): DiscoveryTarget[] =>
  demoAccounts().map((a) => ({ ...a, regions, ...(override[a.id] ? { roleArn: override[a.id] } : {}) }));

describe('discovery of callers, functions and log groups', () => {
  it('reads IAM once per account, in detail only the roles auth policies name; functions with the policies their targets need; log groups', async () => {
    forgetClients();
    const result = await discoverEstate(targets(['us-east-1', 'us-west-2']));
    const t = result.topology;
    expect(t.errors).toEqual([]);
    // IAM is global: one ListRoles per account although two Regions were read.
    expect(result.stats.byOperation.ListRoles).toBe(DEMO_ACCOUNTS.length);
    expect(result.stats.calls).toBe(result.minimum.total);
    expect(result.stats.byOperation).toEqual(result.minimum.byOperation);

    // Callers: checkout-service, named by the payments service's auth policy (another account) and the orders policies.
    const roles = t.nodes.filter((n) => n.kind === 'iamRole');
    const checkout = roles.find((n) => n.id === CHECKOUT_ROLE)!;
    expect(checkout.external).toBeFalsy();
    expect(checkout.trustPolicy).toMatchObject({ Statement: [{ Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    expect(checkout.identityPolicies).toEqual([{ name: 'invoke-lattice-services', kind: 'inline', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }] } }]);
    // Lean: the other roles are counted, not read (no TrellisConsole, no lambda-execution node).
    expect(roles.some((n) => n.name === 'TrellisConsole' || n.name === 'lambda-execution')).toBe(false);
    const storefront = result.accounts.find((a) => a.account === STOREFRONT && a.iam)!;
    expect(storefront.iam).toEqual({ roles: 5, described: 2 });
    expect(result.stats.byOperation.GetRole).toBe(2);
    expect(roles.find((n) => n.name === 'ProductServiceRole')?.identityPolicies?.map((p) => p.name)).toEqual(['invoke-order-service']);
    // A role a policy names that does not exist is shown as such.
    expect(roles.find((n) => n.id === GHOST_ROLE)).toMatchObject({ external: true, status: 'NOT_FOUND' });

    // Caller edges reach the services whose policies allow the role, across accounts.
    const payments = t.nodes.find((n) => n.kind === 'service' && n.name === 'payments')!;
    const orders = t.nodes.find((n) => n.kind === 'service' && n.name === 'orders')!;
    const callees = t.edges.filter((e) => e.kind === 'callerService' && e.source === CHECKOUT_ROLE).map((e) => e.target);
    // The retail network's policy names the role for orders only: its other services get no line.
    expect(callees.sort()).toEqual([payments.id, orders.id].sort());

    // Functions: every one listed; the policies of targeted ones read (null: none).
    const fns = new Map(t.nodes.filter((n) => n.kind === 'lambdaFunction').map((n) => [n.name, n]));
    expect([...fns.keys()].sort()).toEqual(['auth-token-issuer', 'cart-api', 'nightly-report', 'notifications-sender', 'reviews-api', 'search-query']);
    expect(fns.get('notifications-sender')!.resourcePolicy).toBeNull();
    expect(fns.get('cart-api')!.resourcePolicy).toMatchObject({ Statement: [{ Principal: { Service: 'vpc-lattice.amazonaws.com' }, Action: 'lambda:InvokeFunction' }] });
    expect(fns.get('nightly-report')).not.toHaveProperty('resourcePolicy');
    expect(result.stats.byOperation['lambda:GetPolicy']).toBe(5);
    const notifications = fns.get('notifications-sender')!;
    expect(t.edges.some((e) => e.kind === 'targetResource' && e.target === notifications.id)).toBe(true);

    // Log groups, and the subscriptions that deliver to them.
    const groups = t.nodes.filter((n) => n.kind === 'logGroup').map((n) => n.name).sort();
    expect(groups).toEqual(['/aws/vpclattice/orders', '/aws/vpclattice/orders-db', '/aws/vpclattice/retail-services']);
    const delivers = t.edges.filter((e) => e.kind === 'accessLogDestination').map((e) => e.target);
    expect(delivers).toContain(`arn:aws:logs:us-east-1:${STOREFRONT}:log-group:/aws/vpclattice/orders`);

    // Access analysis reads what discovery found: the caller's identity policy is evaluated.
    const network = t.edges.find((e) => e.kind === 'serviceNetworkService' && e.target === payments.id)!.source;
    const vpc = t.edges.find((e) => e.kind === 'serviceNetworkVpc' && e.source === network && t.nodes.find((n) => n.id === e.target)?.account === STOREFRONT)!.target;
    const decision = evaluateAccess(t, { source: { vpc, principal: `arn:aws:sts::${STOREFRONT}:assumed-role/checkout-service/web-1` }, target: { service: payments.id, method: 'POST', path: '/payments' } });
    expect(decision.steps.find((s) => s.check === 'identity'), JSON.stringify(decision.steps)).toMatchObject({ result: 'pass', resource: CHECKOUT_ROLE });
  });

  it('says once for an account without IAM read permission that its IAM cannot be read, and reads the rest', async () => {
    forgetClients();
    const result = await discoverEstate(targets(['us-east-1', 'us-west-2'], { [PAYMENTS]: LATTICE_ONLY_ROLE }));
    const t = result.topology;
    expect(t.errors).toHaveLength(1);
    expect(t.errors[0]).toMatchObject({ account: PAYMENTS, operation: 'ListRoles', code: 'AccessDenied' });
    expect(t.errors[0]!.message).toContain(`IAM cannot be read in account ${PAYMENTS}`);
    expect(t.errors[0]!.message).toContain(`is not authorized to perform: iam:ListRoles on resource: arn:aws:iam::${PAYMENTS}:role/`);
    expect(result.accounts.filter((a) => a.account === PAYMENTS).every((a) => !a.failed)).toBe(true);
    // Payments' Lattice estate, functions and the other accounts' callers are still read.
    expect(t.nodes.some((n) => n.kind === 'service' && n.account === PAYMENTS && n.name === 'payments' && !n.external)).toBe(true);
    expect(t.nodes.some((n) => n.kind === 'lambdaFunction' && n.account === PAYMENTS)).toBe(true);
    expect(t.nodes.find((n) => n.id === CHECKOUT_ROLE)?.identityPolicies).toHaveLength(1);
    expect(t.nodes.some((n) => n.kind === 'iamRole' && n.account === PAYMENTS)).toBe(false);
    expect(result.stats.calls).toBe(result.minimum.total);
  });
});
