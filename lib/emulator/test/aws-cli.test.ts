// A second client: lattice-local driven by boto3 and the AWS CLI (botocore's protocol code, not
// the JavaScript SDK Trellis uses), so a regression against an independent implementation of
// the wire protocols fails `npm test`. Each group is one Python run (python/aws_clients.py) that
// prints what it saw; the assertions are here. Skipped, saying why, only when python3 with boto3
// and awscli, or the `aws` command, is missing.
import { execFile, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstance, createSecurityGroup, createSubnet, createVpc } from '../index';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';
import { loadModel } from '@/lib/models/loader';

const run = promisify(execFile);
const SCRIPT = fileURLToPath(new URL('./python/aws_clients.py', import.meta.url));
const REGION = 'us-east-1';

function missingClients(): string | undefined {
  const python = spawnSync('python3', ['-c', 'import boto3, awscli, botocore.session as s; assert "vpc-lattice" in s.get_session().get_available_services()'], { encoding: 'utf8' });
  if (python.error || python.status !== 0) return `python3 with boto3 and awscli (with VPC Lattice in its models) is not available: ${python.error?.message ?? python.stderr.trim().split('\n').pop()}`;
  const aws = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (aws.error || aws.status !== 0) return `the aws command is not available: ${aws.error?.message ?? aws.stderr.trim()}`;
  return undefined;
}

const missing = missingClients();
if (missing) console.warn(`aws-cli.test.ts skipped: ${missing}`);

/** An environment with nothing of the machine's AWS configuration in it. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('AWS_')) delete env[key];
  return Object.assign(env, {
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_DEFAULT_REGION: REGION,
    AWS_MAX_ATTEMPTS: '1',
    AWS_RETRY_MODE: 'standard',
    ...extra,
  });
}

let harness: Harness;

interface Inventory {
  account: string;
  otherAccount?: string;
  vpcId: string;
  subnetId: string;
  securityGroupId: string;
  instanceId: string;
}

/** A VPC with a subnet, a security group and an instance, in `account`. */
function inventory(account: string, cidr: string, otherAccount?: string): Inventory {
  const store = harness.server.store;
  const vpcId = createVpc(store, { account, region: REGION, cidrBlock: `${cidr}.0.0/16` }).id as string;
  const subnetId = createSubnet(store, { account, region: REGION, vpcId, cidrBlock: `${cidr}.1.0/24`, availabilityZone: 'us-east-1d' }).id as string;
  const securityGroupId = createSecurityGroup(store, { account, region: REGION, vpcId, groupName: 'clients' }).id as string;
  const instanceId = createInstance(store, { account, region: REGION, subnetId, securityGroupIds: [securityGroupId] }).id as string;
  return { account, ...(otherAccount ? { otherAccount } : {}), vpcId, subnetId, securityGroupId, instanceId };
}

/** Operations boto3 and the CLI called, by service, over every group (the coverage line). */
const called = new Map<string, Set<string>>();

/** Runs one group of python/aws_clients.py and returns what it saw. */
async function group(name: string, inv: Inventory): Promise<Record<string, any>> {
  const seen = await runGroup(name, inv);
  for (const [service, operations] of Object.entries(seen.called as Record<string, string[]>)) {
    if (!called.has(service)) called.set(service, new Set());
    for (const op of operations) called.get(service)!.add(op);
  }
  return seen;
}

async function runGroup(name: string, inv: Inventory): Promise<Record<string, any>> {
  const { stdout } = await run('python3', [SCRIPT, name], {
    env: cleanEnv({ LATTICE_LOCAL_URL: harness.url, INVENTORY: JSON.stringify(inv) }),
    maxBuffer: 16 * 1024 * 1024,
    timeout: 120_000,
  }).catch((error: Error & { stderr?: string }) => {
    throw new Error(`python3 aws_clients.py ${name} failed:\n${error.stderr ?? error.message}`);
  });
  return JSON.parse(stdout.trim().split('\n').pop()!);
}

const HEX_ID = /^[a-z]+-[0-9a-f]{17}$/;

/** A group is a few seconds; a loaded machine can make Python's start-up slow. */
const GROUP_TIMEOUT = 120_000;

/** The CLI's error line (`aws` adds the retry count it was configured with before the message). */
function cliError(code: string, operation: string, message: string): RegExp {
  const quoted = message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`An error occurred \\(${code}\\) when calling the ${operation} operation( \\(reached max retries: \\d+\\))?: ${quoted}`);
}

describe.skipIf(Boolean(missing))('lattice-local through boto3 and the AWS CLI', () => {
  beforeAll(async () => {
    harness = await startHarness({ activationDelayMs: 0 });
  }, GROUP_TIMEOUT);
  afterAll(() => {
    const line = (['ec2', 'ram'] as const).map((service) => {
      const operations = Object.keys(loadModel(service === 'ec2' ? 'ec2-subset' : 'ram').operations);
      return `${service} ${operations.filter((op) => called.get(service)?.has(op)).length}/${operations.length}`;
    });
    console.log(`coverage: ${line.join(', ')} (boto3 and the AWS CLI)`);
    return harness?.stop();
  });

  it('runs the aws command itself against it', async () => {
    const { stdout } = await run('aws', ['sts', 'get-caller-identity', '--endpoint-url', harness.url, '--output', 'json'], {
      env: cleanEnv({ AWS_ACCESS_KEY_ID: '210000000009', AWS_SECRET_ACCESS_KEY: 'test' }),
      timeout: 60_000,
    });
    expect(JSON.parse(stdout)).toMatchObject({ Account: '210000000009', Arn: 'arn:aws:iam::210000000009:root' });
  }, GROUP_TIMEOUT);

  it('builds and tears down a service network, service, target group, listener, rule and associations', async () => {
    const seen = await group('recipe', inventory('210000000001', '10.21'));
    // Creates answer CREATE_IN_PROGRESS, as on AWS; with no activation delay a read finds ACTIVE.
    expect(seen.created).toMatchObject({ svcStatus: 'CREATE_IN_PROGRESS', tgStatus: 'CREATE_IN_PROGRESS' });
    expect(seen.created.dns).toMatch(new RegExp(`^cli-orders-${seen.created.svc.slice(4)}\\.[0-9a-f]{7}\\.vpc-lattice-svcs\\.us-east-1\\.on\\.aws$`));
    // Every id (default rule included) is its prefix and 17 lowercase hex digits.
    for (const id of seen.ids) expect(id).toMatch(HEX_ID);
    expect(seen.registered).toEqual({ successful: 1, unsuccessful: 0 });
    expect(seen.rules).toEqual([
      ['default', true],
      ['orders-not-here', false],
    ]);
    expect(seen.associations.snvaGroups).toHaveLength(1);
    expect(seen.service).toEqual({ status: 'ACTIVE', authType: 'NONE' });
    expect(seen.targets).toHaveLength(1);
    expect(seen.createdAtIsDate).toBe('datetime');
    expect(seen.cliNetwork).toEqual({ rc: 0, name: 'cli-recipe-net', numberOfAssociatedServices: 1, numberOfAssociatedVPCs: 1 });
    expect(seen.cliAssociations).toEqual(['cli-orders']);
    expect(seen.cliIdentity).toMatchObject({ Account: '210000000001' });
    expect(seen.cliAuthPolicy.state).toBe('Active');
    expect(seen.deleteBusyNetwork).toMatchObject({ code: 'ConflictException', status: 409, message: `ServiceNetwork ${seen.created.sn} has VPC(s) associated.` });
    expect(seen.deleteNetworkWithService).toMatchObject({ code: 'ConflictException', message: `ServiceNetwork ${seen.created.sn} has service(s) associated.` });
    expect(seen.left).toEqual({ networks: 0, services: 0, targetGroups: 0 });
  }, GROUP_TIMEOUT);

  it('pages with the CLI\'s --max-items, --starting-token and --page-size, and boto3\'s paginator', async () => {
    const seen = await group('pagination', inventory('210000000002', '10.22'));
    expect(seen.pages).toEqual([seen.names.slice(0, 3), seen.names.slice(3, 6), seen.names.slice(6)]);
    expect(seen.pageSize2).toEqual(seen.names);
    expect(seen.boto3Pages).toEqual([seen.names.slice(0, 2), seen.names.slice(2, 4), seen.names.slice(4, 6), seen.names.slice(6)]);
    // The default VPC's six subnets (one per us-east-1 zone) and ours.
    expect(seen.subnetPages).toEqual([5, 2]);
    expect(seen.forgedToken).toMatchObject({ code: 'ValidationException', status: 400 });
  }, GROUP_TIMEOUT);

  it('answers the Resource Groups Tagging API to boto3\'s paginator and the CLI', async () => {
    const seen = await group('tagging', inventory('210000000006', '10.26'));
    const services = [0, 1, 2, 3, 4].map((i) => seen.arns[`svc${i}`]);
    expect(seen.boto3Pages.map((p: string[]) => p.length)).toEqual([2, 2, 1]);
    expect(seen.boto3Pages.flat().sort()).toEqual([...services].sort());
    expect(seen.boto3Tags[seen.arns.svc1]).toEqual({ team: 'orders' });
    expect(seen.cliOrders).toEqual([seen.arns.svc1, seen.arns.svc3, seen.arns.tg].sort());
    expect(seen.badType).toMatchObject({ code: 'InvalidParameterException', status: 400 });
  }, GROUP_TIMEOUT);

  it('answers conflicts, missing resources, invalid input, policies with newlines and foreign tags as AWS does', async () => {
    const seen = await group('conflicts', inventory('210000000003', '10.23', '210000000004'));
    const creating = `Invalid resource status for this operation, resource id ${seen.svc.id}, status: CREATE_IN_PROGRESS.`;
    expect(seen.svc.status).toBe('CREATE_IN_PROGRESS');
    expect(seen.boto3Associate).toEqual({ code: 'ConflictException', status: 409, message: creating, resourceId: seen.svc.id, resourceType: 'SERVICE' });
    expect(seen.cliAssociate.rc).not.toBe(0);
    expect(seen.cliAssociate.err).toMatch(cliError('ConflictException', 'CreateServiceNetworkServiceAssociation', creating));
    expect(seen.listenerToCreatingTg).toMatchObject({
      code: 'ConflictException',
      message: `Invalid resource status for this operation, resource id ${seen.tg}, status: CREATE_IN_PROGRESS.`,
      resourceType: 'TARGET_GROUP',
    });
    expect(seen.associateCreatingRcfg).toMatchObject({
      code: 'ConflictException',
      message: `Invalid resource status for this operation, resource id ${seen.rcfg}, status: CREATE_IN_PROGRESS.`,
      resourceType: 'RESOURCE_CONFIGURATION',
    });
    expect(seen.secondVpcAssociation).toMatchObject({ code: 'ConflictException', status: 409, message: 'VPC has already been associated to a service network.' });
    expect(seen.deleteNetworkWithVpc.rc).not.toBe(0);
    expect(seen.deleteNetworkWithVpc.err).toMatch(cliError('ConflictException', 'DeleteServiceNetwork', `ServiceNetwork ${seen.first} has VPC(s) associated.`));
    expect(seen.notFound).toMatchObject({ code: 'ResourceNotFoundException', status: 404, resourceId: 'svc-0123456789abcdef0', resourceType: 'SERVICE' });
    expect(seen.badName).toMatchObject({ code: 'ValidationException', status: 400 });
    expect(seen.oneLinePolicy).toBe('Inactive');
    expect(seen.boto3NewlinePolicy).toMatchObject({ code: 'ValidationException', status: 400, reason: 'fieldValidationFailed', fieldList: [{ name: 'policy', message: expect.stringContaining('newlines') }] });
    expect(seen.cliNewlinePolicy.rc).not.toBe(0);
    expect(seen.cliNewlinePolicy.err).toMatch(cliError('ValidationException', 'PutAuthPolicy', 'Invalid value for policy: The policy string in JSON must not contain newlines or blank lines.'));
    expect(seen.consumerSees).toContain(seen.sharedArn);
    expect(seen.tagsShared).toMatchObject({ code: 'AccessDeniedException', status: 403 });
    expect(seen.tagsUnshared).toMatchObject({ code: 'NotFoundException', status: 404 });
    expect(seen.tagsOwn).toEqual({ team: 'network' });
  }, GROUP_TIMEOUT);

  it('spells VPC endpoint states and filters them as EC2 does, has six zones, and names what it leaves out', async () => {
    const seen = await group('ec2', inventory('210000000005', '10.25'));
    expect(seen.zones).toEqual(['a', 'b', 'c', 'd', 'e', 'f'].map((l, i) => [`us-east-1${l}`, `use1-az${i + 1}`]));
    expect(seen.states).toEqual(['available', 'pending']);
    const { ready, waiting } = seen.ids;
    expect(seen.filtered).toEqual({ available: [ready], pending: [waiting], Available: [], 'avail*': [ready], both: [ready, waiting].sort() });
    expect(seen.typeAndState).toBe(1);
    expect(seen.unknownFilter).toMatchObject({ code: 'InvalidParameterValue', status: 400 });
    expect(seen.cliStates).toEqual(['available']);
    expect(seen.unimplemented).toMatchObject({ code: 'UnsupportedOperation', status: 400, message: 'lattice-local does not implement ec2:CreateTransitGateway' });
    expect(seen.cliUnimplemented.err).toMatch(cliError('UnsupportedOperation', 'CreateTransitGateway', 'lattice-local does not implement ec2:CreateTransitGateway'));
    expect(seen.notAnAction).toEqual({ status: 400, code: 'InvalidAction', message: 'The action FrobnicateWidgets is not valid for this web service.' });
  }, GROUP_TIMEOUT);

  it('builds a VPC, runs a PrivateLink endpoint service with connections from another account, and endpoints to AWS services', async () => {
    const inv = inventory('210000000006', '10.26', '210000000007');
    const seen = await group('privatelink', inv);
    expect(seen.built).toMatchObject({ vpcState: 'pending', subnetZone: 'us-east-1c' });
    expect(seen.badRange).toMatchObject({ code: 'InvalidVpc.Range', status: 400, message: "The CIDR '10.0.0.0/8' is invalid." });
    expect(seen.conflict).toMatchObject({ code: 'InvalidSubnet.Conflict', status: 400 });
    const { id, name } = seen.service;
    expect(name).toBe(`com.amazonaws.vpce.us-east-1.${id}`);
    expect(seen.service).toMatchObject({ state: 'Available', acceptance: true });
    expect(seen.hidden).toEqual({ code: 'InvalidServiceName', status: 400, message: `The Vpc Endpoint Service '${name}' does not exist` });
    expect(seen.added).toEqual([['Account', 'arn:aws:iam::210000000007:root']]);
    expect(seen.permissions).toEqual(['arn:aws:iam::210000000007:root']);
    expect(seen.visible).toEqual(['210000000006']);
    expect(seen.created).toEqual(['pendingAcceptance', 'pendingAcceptance']);
    const { first, second } = seen.ids;
    expect(seen.pending).toEqual([[first, '210000000007'], [second, '210000000007']]);
    expect([seen.accepted, seen.rejected]).toEqual([[], []]);
    expect(seen.states).toEqual([[first, 'available'], [second, 'rejected']].sort());
    expect(seen.consumerStates).toEqual([[first, 'available'], [second, 'rejected']].sort());
    expect(seen.modified).toEqual({ acceptance: false, dns: 'ledger.example.com', verification: 'pendingVerification' });
    expect(seen.blockedDelete).toEqual(['ExistingVpcEndpointConnections']);
    expect(seen.awsEndpoints).toEqual([['Gateway', 'available'], ['Interface', true]]);
    expect(seen.modifiedGroups).toEqual([]);
    expect(seen.gatewayTypes).toEqual(['com.amazonaws.us-east-1.dynamodb', 'com.amazonaws.us-east-1.s3']);
    expect(seen.deleted).toEqual([]);
    expect(seen.vpcInUse).toMatchObject({ code: 'DependencyViolation', status: 400 });
    expect(seen.vpcDeleted).toBe(0);
    expect([seen.vpcGone, seen.groupsLeft]).toEqual([[], []]);
    expect(seen.instances).toEqual([inv.instanceId]);
  }, GROUP_TIMEOUT);

  it('manages RAM permissions and answers client tokens as RAM does', async () => {
    const seen = await group('ram_permissions', inventory('210000000008', '10.27', '210000000009'));
    expect(seen.managed).toMatchObject({ version: '1', type: 'AWS_MANAGED', actions: expect.arrayContaining(['vpc-lattice:GetServiceNetwork']) });
    expect(seen.managedVersions).toEqual(['1']);
    expect(seen.created).toEqual({ arn: 'arn:aws:ram:us-east-1:210000000008:permission/cli-read', version: '1', type: 'CUSTOMER_MANAGED' });
    expect(seen.versions).toEqual([['2', true]]);
    expect(seen.associate).toBe(true);
    expect(seen.carried).toEqual([[seen.created.arn, '2']]);
    expect(seen.associations).toHaveLength(1);
    expect(seen.inUse).toMatchObject({ code: 'OperationNotPermittedException', status: 400 });
    expect(seen.work).toEqual(['COMPLETED']);
    expect(seen.afterReplace).toEqual(['arn:aws:ram::aws:permission/AWSRAMPermissionVpcLatticeServiceNetworkReadWrite']);
    expect(seen.deleted).toBe('DELETED');
    expect(seen.policies).toHaveLength(1);
    expect(seen.sources).toEqual([]);
    expect(seen.promoteShare).toMatchObject({ code: 'OperationNotPermittedException', status: 400 });
    expect(seen.promotePermission).toMatchObject({ code: 'OperationNotPermittedException', status: 400 });
    expect(seen.pendingResources).toHaveLength(1);
    expect([seen.accepted, seen.rejected]).toEqual(['ACCEPTED', 'REJECTED']);
    expect(seen.shares).toEqual([['cli-permissions-renamed', []]]);
    expect(seen.principals).toEqual(['210000000009']);
    expect(seen.consumerResources).toHaveLength(1);
    expect(seen.types).toEqual(['vpc-lattice:ServiceNetwork', 'vpc-lattice:Service', 'vpc-lattice:ResourceConfiguration']);
    expect(seen.permissionCount).toBe(2);
    expect(seen.associationStates).toEqual(['ASSOCIATED', 'DISASSOCIATED']);
    expect(seen.noOrganization.status).toBe(400);
    expect(seen.generatedToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(seen.replay).toEqual({ same: true, first: 'ACTIVE', now: 'DELETED', token: 'cli-replay-1' });
  }, GROUP_TIMEOUT);

  it('has called every EC2 and RAM operation lattice-local serves', () => {
    for (const [service, model] of [['ec2', 'ec2-subset'], ['ram', 'ram']] as const) {
      const missed = Object.keys(loadModel(model).operations).filter((op) => !called.get(service)?.has(op));
      expect(missed, `${service} operations no group called`).toEqual([]);
    }
  });
});
