// What the demo and scale estates need outside Lattice: the IAM roles the console assumes
// (trusting the base account), the workload roles auth policies name, the Lambda functions
// LAMBDA target groups register, their execution roles and resource policies, and the log
// groups access-log subscriptions write to. Built through callOperation like the rest.
import { callOperationSync } from '../dispatch';
import type { LocalContext, ServiceName } from '../services/types';
import { DEMO_ACCOUNTS, DEMO_BASE_ACCOUNT, DEMO_REGION, demoAccount } from '@/lib/demo';

type Call = (account: string, service: ServiceName, operation: string, input?: Record<string, unknown>) => Record<string, any>;

const caller = (local: LocalContext, region: string): Call => (account, service, operation, input = {}) =>
  callOperationSync(local, { service, operation, account, region, input });

const trust = (principal: Record<string, string>) =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }] });

/** An empty zip archive (its end-of-central-directory record): a package Lambda accepts. */
const EMPTY_ZIP = Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]).toString('base64');

/** The console's role in each account (the base account's too), trusting the base account. */
export function createConsoleRoles(local: LocalContext, accounts: string[], baseAccount: string, roleName = 'TrellisConsole'): void {
  const call = caller(local, 'us-east-1');
  for (const account of accounts) {
    call(account, 'iam', 'CreateRole', {
      RoleName: roleName,
      Description: 'Assumed by the Trellis console from its base account.',
      AssumeRolePolicyDocument: trust({ AWS: `arn:aws:iam::${baseAccount}:root` }),
      Tags: [{ Key: 'managed-by', Value: 'trellis' }],
    });
    for (const policy of ['ReadOnlyAccess', 'VPCLatticeFullAccess']) call(account, 'iam', 'AttachRolePolicy', { RoleName: roleName, PolicyArn: `arn:aws:iam::aws:policy/${policy}` });
  }
}

/** The demo estate's roles, functions and log groups; run before the Lattice resources. */
export function applyDemoIdentities(local: LocalContext): void {
  const call = caller(local, DEMO_REGION);
  for (const account of DEMO_ACCOUNTS) createConsoleRoles(local, [account.id], DEMO_BASE_ACCOUNT, account.consoleRoleName);

  // Workload roles named by auth policies: they may invoke Lattice services.
  for (const account of DEMO_ACCOUNTS) {
    for (const name of account.workloadRoleNames) {
      call(account.id, 'iam', 'CreateRole', { RoleName: name, AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }), Description: `Workload identity of ${name}.` });
      call(account.id, 'iam', 'PutRolePolicy', {
        RoleName: name,
        PolicyName: 'invoke-lattice-services',
        PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: '*' }] }),
      });
    }
  }

  // The recipe's caller: ProductServiceRole, an EC2 workload whose identity policy lets it invoke
  // the storefront's Lattice services (the recipe's step 8), named by order-service's auth policy.
  const storefront = demoAccount('storefront').id;
  call(storefront, 'iam', 'CreateRole', { RoleName: 'ProductServiceRole', AssumeRolePolicyDocument: trust({ Service: 'ec2.amazonaws.com' }), Description: 'The product service, caller of order-service.' });
  call(storefront, 'iam', 'PutRolePolicy', {
    RoleName: 'ProductServiceRole',
    PolicyName: 'invoke-order-service',
    PolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'InvokeStorefrontServices', Effect: 'Allow', Action: 'vpc-lattice-svcs:Invoke', Resource: `arn:aws:vpc-lattice:${DEMO_REGION}:${storefront}:service/*` }] }),
  });

  // Lambda functions behind LAMBDA target groups, with an execution role per account. All but
  // notifications-sender let Lattice invoke them (so one target visibly refuses Lattice).
  const functions: [string, string, boolean][] = [
    [demoAccount('storefront').id, 'search-query', true],
    [demoAccount('storefront').id, 'cart-api', true],
    [demoAccount('storefront').id, 'reviews-api', true],
    [demoAccount('payments').id, 'auth-token-issuer', true],
    [demoAccount('payments').id, 'notifications-sender', false],
  ];
  for (const account of new Set(functions.map(([a]) => a))) {
    call(account, 'iam', 'CreateRole', { RoleName: 'lambda-execution', AssumeRolePolicyDocument: trust({ Service: 'lambda.amazonaws.com' }) });
    call(account, 'iam', 'AttachRolePolicy', { RoleName: 'lambda-execution', PolicyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' });
  }
  for (const [account, name, latticeMayInvoke] of functions) {
    call(account, 'lambda', 'CreateFunction', {
      FunctionName: name,
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${account}:role/lambda-execution`,
      Code: { ZipFile: EMPTY_ZIP },
      Tags: { service: name.split('-')[0]! },
    });
    if (latticeMayInvoke) {
      call(account, 'lambda', 'AddPermission', { FunctionName: name, StatementId: 'vpc-lattice-invoke', Action: 'lambda:InvokeFunction', Principal: 'vpc-lattice.amazonaws.com', SourceAccount: account });
    }
  }

  // Log groups the access-log subscriptions write to.
  const groups: [string, string][] = [
    [demoAccount('network-hub').id, '/aws/vpclattice/retail-services'],
    [demoAccount('storefront').id, '/aws/vpclattice/orders'],
    [demoAccount('data-platform').id, '/aws/vpclattice/orders-db'],
  ];
  for (const [account, name] of groups) {
    call(account, 'logs', 'CreateLogGroup', { logGroupName: name, tags: { owner: 'network-team' } });
    call(account, 'logs', 'PutRetentionPolicy', { logGroupName: name, retentionInDays: 30 });
  }
}
