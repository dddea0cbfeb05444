// For tests and benchmarks: lattice-local in process with the SDK pointed at it, the
// default VPC of an account, and a design that exercises every kind a plan knows.
import { DescribeSecurityGroupsCommand, DescribeSubnetsCommand, DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { clientsFor, forgetClients } from '@/lib/aws';
import { callOperation, LOCAL_ADMIN_HEADERS, startLatticeLocal, type LatticeLocalOptions } from '@/lib/emulator';
import { pointSdkAt, TEST_REGION } from './sdk';
import { addRecord, applyPatch, emptyDesign, POLICY_TEMPLATES, type Design, type NewRecord } from '@/lib/topology/design';

export { pointSdkAt, TEST_REGION };

export interface LocalEstate {
  url: string;
  account: string;
  setFaults(faults: Record<string, number>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts lattice-local and points the SDK (the base credentials) at it as `account`. */
export async function startLocalEstate(account: string, options: LatticeLocalOptions = {}): Promise<LocalEstate> {
  const local = await startLatticeLocal({ port: 0, seed: 'empty', activationDelayMs: 100, logLevel: 'silent', ...options });
  // What the convergence design refers to outside Lattice must exist, as on AWS: its access-log
  // destination and its LAMBDA target.
  const call = (service: 'iam' | 'lambda' | 'logs', operation: string, input: Record<string, unknown>) =>
    callOperation(local.context, { service, operation, account, region: TEST_REGION, input });
  await call('logs', 'CreateLogGroup', { logGroupName: '/lattice/shop' });
  await call('iam', 'CreateRole', {
    RoleName: 'pay-execution',
    AssumeRolePolicyDocument: JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] }),
  });
  await call('lambda', 'CreateFunction', {
    FunctionName: 'pay',
    Runtime: 'nodejs20.x',
    Handler: 'index.handler',
    Role: `arn:aws:iam::${account}:role/pay-execution`,
    Code: { ZipFile: Buffer.concat([Buffer.from('PK\x05\x06', 'latin1'), Buffer.alloc(18)]).toString('base64') },
  });
  pointSdkAt(local.url, account);
  return {
    url: local.url,
    account,
    async setFaults(faults) {
      const res = await fetch(`${local.url}/_local/faults`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify(faults) });
      if (!res.ok) throw new Error(`setting faults failed: ${res.status} ${await res.text()}`);
    },
    async stop() {
      forgetClients();
      await local.stop();
    },
  };
}


export interface DefaultNetwork {
  vpcId: string;
  subnetIds: string[];
  securityGroupIds: string[];
}

export async function defaultNetwork(account: string): Promise<DefaultNetwork> {
  const { ec2 } = clientsFor({ id: account }, TEST_REGION);
  const vpcs = await ec2.send(new DescribeVpcsCommand({}));
  const vpcId = vpcs.Vpcs?.find((v) => v.IsDefault)?.VpcId ?? vpcs.Vpcs?.[0]?.VpcId;
  if (!vpcId) throw new Error(`account ${account} has no VPC`);
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
export function convergenceDesign(account: string, net: DefaultNetwork): Design {
  let d = emptyDesign(account, TEST_REGION);
  const policy = (serviceId?: string) => POLICY_TEMPLATES.find((t) => t.id === 'method-path')!.build({ region: TEST_REGION, account, serviceId });
  d = add(d, { id: 'sn', kind: 'serviceNetwork', spec: { name: 'shop-network', authType: 'AWS_IAM' }, tags: { team: 'network' } });
  d = add(d, { id: 'sn-policy', kind: 'authPolicy', spec: { resourceIdentifier: 'sn', policy: POLICY_TEMPLATES.find((t) => t.id === 'same-account')!.build({ region: TEST_REGION, account }) } });
  d = add(d, { id: 'sn-logs', kind: 'accessLogSubscription', spec: { resourceIdentifier: 'sn', destinationArn: `arn:aws:logs:${TEST_REGION}:${account}:log-group:/lattice/shop` } });
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
  d = add(d, { id: 't4', kind: 'target', spec: { targetGroupIdentifier: 'payments-fn', id: `arn:aws:lambda:${TEST_REGION}:${account}:function:pay` } });
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
