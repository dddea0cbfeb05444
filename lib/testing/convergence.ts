// The convergence estate, for tests in any process: what an account needs before the
// convergence design can be applied (its access-log destination and its LAMBDA target, as
// on AWS), the design itself (every kind a plan knows), what applying it creates, and the
// default VPC it is built in. Plain SDK calls to a lattice-local URL and pure design code, so
// a vitest worker and a Playwright spec (which cannot load lattice-local itself) share it.
import { CloudWatchLogsClient, CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import { CreateRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { LOCAL_ADMIN_HEADERS } from '@/lib/emulator/protocols/limits';
import { addRecord, applyPatch, emptyDesign, POLICY_TEMPLATES, type Design, type NewRecord } from '@/lib/topology/design';

export const TEST_REGION = 'us-east-1';

/** The long-term credentials of an account on lattice-local: its id, secret `test`. */
export function localClientConfig(url: string, account: string, region: string) {
  return { endpoint: url, region, credentials: { accessKeyId: account, secretAccessKey: 'test' }, maxAttempts: 1 };
}

/** Creates, in `account` on the lattice-local at `url`, what the convergence design refers to outside Lattice. */
export async function prepareConvergenceAccount(url: string, account: string, region: string): Promise<void> {
  const config = localClientConfig(url, account, region);
  await new CloudWatchLogsClient(config).send(new CreateLogGroupCommand({ logGroupName: '/lattice/shop' }));
  await new IAMClient(config).send(
    new CreateRoleCommand({
      RoleName: 'pay-execution',
      AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
    }),
  );
  await new LambdaClient(config).send(
    new CreateFunctionCommand({
      FunctionName: 'pay',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${account}:role/pay-execution`,
      // The smallest zip archive: an empty end-of-central-directory record.
      Code: { ZipFile: Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]) },
    }),
  );
}

export interface DefaultNetwork {
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

/** The default VPC (else the first) that `ec2` sees, with its subnets and security groups. */
export async function defaultNetworkOf(ec2: EC2Client): Promise<DefaultNetwork> {
  const vpcs = await ec2.send(new DescribeVpcsCommand({}));
  const vpcId = vpcs.Vpcs?.find((v) => v.IsDefault)?.VpcId ?? vpcs.Vpcs?.[0]?.VpcId;
  if (!vpcId) throw new Error('the account has no VPC');
  const filter = [{ Name: 'vpc-id', Values: [vpcId] }];
  const subnets = await ec2.send(new DescribeSubnetsCommand({ Filters: filter }));
  const groups = await ec2.send(new DescribeSecurityGroupsCommand({ Filters: filter }));
  return { vpcId, subnetIds: (subnets.Subnets ?? []).map((s) => s.SubnetId!), securityGroupIds: (groups.SecurityGroups ?? []).map((g) => g.GroupId!) };
}

function add(design: Design, input: NewRecord): Design {
  return applyPatch(design, addRecord(design, input).patch);
}

/**
 * A topology with every kind: a service network (AWS_IAM, auth policy, access logs) with
 * two services, listeners, rules, weighted target groups with targets, the VPC association,
 * a resource gateway and configuration with its association.
 */
export function convergenceDesign(account: string, net: DefaultNetwork, region = TEST_REGION): Design {
  let d = emptyDesign(account, region);
  const policy = (serviceId?: string) => POLICY_TEMPLATES.find((t) => t.id === 'method-path')!.build({ region, account, serviceId });
  d = add(d, { id: 'sn', kind: 'serviceNetwork', spec: { name: 'shop-network', authType: 'AWS_IAM' }, tags: { team: 'network' } });
  d = add(d, { id: 'sn-policy', kind: 'authPolicy', spec: { resourceIdentifier: 'sn', policy: POLICY_TEMPLATES.find((t) => t.id === 'same-account')!.build({ region, account }) } });
  d = add(d, { id: 'sn-logs', kind: 'accessLogSubscription', spec: { resourceIdentifier: 'sn', destinationArn: `arn:aws:logs:${region}:${account}:log-group:/lattice/shop` } });
  d = add(d, { id: 'orders', kind: 'service', spec: { name: 'orders', authType: 'AWS_IAM' }, tags: { team: 'orders' } });
  d = add(d, { id: 'orders-policy', kind: 'authPolicy', spec: { resourceIdentifier: 'orders', policy: policy('svc-00000000000000000') } });
  d = add(d, { id: 'payments', kind: 'service', spec: { name: 'payments' } });
  const tg = (id: string, type: string, extra: object = {}) =>
    (d = add(d, { id, kind: 'targetGroup', spec: { name: id, type, ...(type === 'LAMBDA' ? {} : { config: { port: 8080, protocol: 'HTTP', vpcIdentifier: net.vpcId, ...extra } }) } }));
  tg('orders-blue', 'IP', { healthCheck: { enabled: true, path: '/health' } });
  tg('orders-green', 'IP');
  tg('payments-fn', 'LAMBDA');
  d = add(d, { id: 't1', kind: 'target', spec: { targetGroupIdentifier: 'orders-blue', id: '10.0.1.10' } });
  d = add(d, { id: 't2', kind: 'target', spec: { targetGroupIdentifier: 'orders-blue', id: '10.0.1.11' } });
  d = add(d, { id: 't3', kind: 'target', spec: { targetGroupIdentifier: 'orders-green', id: '10.0.2.10', port: 8080 } });
  d = add(d, { id: 't4', kind: 'target', spec: { targetGroupIdentifier: 'payments-fn', id: `arn:aws:lambda:${region}:${account}:function:pay` } });
  d = add(d, {
    id: 'orders-http',
    kind: 'listener',
    spec: { serviceIdentifier: 'orders', name: 'http-80', protocol: 'HTTP', port: 80, defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'orders-blue', weight: 90 }, { targetGroupIdentifier: 'orders-green', weight: 10 }] } } },
  });
  d = add(d, {
    id: 'orders-api',
    kind: 'rule',
    spec: { listenerIdentifier: 'orders-http', name: 'api', priority: 10, match: { httpMatch: { pathMatch: { match: { prefix: '/api' }, caseSensitive: false } } }, action: { forward: { targetGroups: [{ targetGroupIdentifier: 'orders-green', weight: 100 }] } } },
  });
  d = add(d, {
    id: 'orders-post',
    kind: 'rule',
    spec: { listenerIdentifier: 'orders-http', name: 'writes', priority: 20, match: { httpMatch: { method: 'POST', headerMatches: [{ name: 'x-canary', match: { exact: 'yes' } }] } }, action: { fixedResponse: { statusCode: 503 } } },
  });
  d = add(d, { id: 'payments-http', kind: 'listener', spec: { serviceIdentifier: 'payments', name: 'http-80', protocol: 'HTTP', defaultAction: { forward: { targetGroups: [{ targetGroupIdentifier: 'payments-fn', weight: 100 }] } } } });
  d = add(d, { id: 'a-orders', kind: 'serviceNetworkServiceAssociation', spec: { serviceNetworkIdentifier: 'sn', serviceIdentifier: 'orders' } });
  d = add(d, { id: 'a-payments', kind: 'serviceNetworkServiceAssociation', spec: { serviceNetworkIdentifier: 'sn', serviceIdentifier: 'payments' } });
  d = add(d, { id: 'a-vpc', kind: 'serviceNetworkVpcAssociation', spec: { serviceNetworkIdentifier: 'sn', vpcIdentifier: net.vpcId, securityGroupIds: net.securityGroupIds.slice(0, 1) } });
  d = add(d, { id: 'gw', kind: 'resourceGateway', spec: { name: 'db-gateway', vpcIdentifier: net.vpcId, subnetIds: net.subnetIds.slice(0, 2), securityGroupIds: net.securityGroupIds.slice(0, 1), ipAddressType: 'IPV4' } });
  d = add(d, {
    id: 'db',
    kind: 'resourceConfiguration',
    spec: { name: 'orders-db', type: 'SINGLE', resourceGatewayIdentifier: 'gw', portRanges: ['5432'], protocol: 'TCP', resourceConfigurationDefinition: { dnsResource: { domainName: 'db.orders.internal', ipAddressType: 'IPV4' } } },
  });
  d = add(d, { id: 'a-db', kind: 'serviceNetworkResourceAssociation', spec: { serviceNetworkIdentifier: 'sn', resourceConfigurationIdentifier: 'db' } });
  return d;
}

/** The Lattice records (lattice-local's kinds, without the `vpc-lattice:` prefix) applying the convergence design creates. */
export const CONVERGENCE_CREATES: Readonly<Record<string, number>> = {
  'service-network': 1,
  service: 2,
  listener: 2,
  rule: 2,
  'target-group': 3,
  target: 4,
  'service-network-service-association': 2,
  'service-network-vpc-association': 1,
  'service-network-resource-association': 1,
  'resource-gateway': 1,
  'resource-configuration': 1,
  'access-log-subscription': 1,
};

/** lattice-local's `GET /_local/state`: how many records of each kind each `account:region` holds. */
export interface LocalStateCounts {
  records: Record<string, Record<string, number>>;
}

/** The Lattice records `after` holds beyond `before` in one `account:region`, by kind (without the `vpc-lattice:` prefix). */
export function latticeRecordsAdded(before: LocalStateCounts, after: LocalStateCounts, scope: string): Record<string, number> {
  const added: Record<string, number> = {};
  for (const [kind, n] of Object.entries(after.records[scope] ?? {})) {
    const more = n - (before.records[scope]?.[kind] ?? 0);
    if (kind.startsWith('vpc-lattice:') && more) added[kind.slice('vpc-lattice:'.length)] = more;
  }
  return added;
}

/** A lattice-local admin request (`/_local/...`): a GET, or a POST of `body`; its JSON answer. */
export async function localAdmin<T = unknown>(url: string, pathname: string, body?: object): Promise<T> {
  const res = await fetch(`${url}${pathname}`, { method: body ? 'POST' : 'GET', headers: LOCAL_ADMIN_HEADERS, ...(body ? { body: JSON.stringify(body) } : {}) });
  if (!res.ok) throw new Error(`${pathname}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
