import { AssumeRoleCommand } from '@aws-sdk/client-sts';
import { GetResourcesCommand, GetTagKeysCommand, GetTagValuesCommand, ResourceGroupsTaggingAPIClient, type ResourceTagMapping } from '@aws-sdk/client-resource-groups-tagging-api';
import { CreateServiceCommand, CreateServiceNetworkCommand, CreateTargetGroupCommand, DeleteServiceCommand, UntagResourceCommand } from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callOperation, type LatticeLocal, startLatticeLocal } from '../../index';
import { clientsFor, errorOf, REGION } from '@/lib/testing/clients';
import { ensureRole } from '../../test/support/identities';

const OWNER = '111111111111';
const OTHER = '222222222222';
let ll: LatticeLocal;
let tagging: ResourceGroupsTaggingAPIClient;
const arns: Record<string, string> = {};

const taggingClient = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new ResourceGroupsTaggingAPIClient({ endpoint: ll.url, region: REGION, credentials, maxAttempts: 1 });

async function allPages(input: ConstructorParameters<typeof GetResourcesCommand>[0]): Promise<{ pages: number; items: ResourceTagMapping[] }> {
  const items: ResourceTagMapping[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const out = await tagging.send(new GetResourcesCommand({ ...input, PaginationToken: token }));
    pages++;
    items.push(...(out.ResourceTagMappingList ?? []));
    token = out.PaginationToken || undefined;
  } while (token);
  return { pages, items };
}

const tagsOf = (m: ResourceTagMapping) => Object.fromEntries((m.Tags ?? []).map((t) => [t.Key, t.Value]));

beforeAll(async () => {
  ll = await startLatticeLocal({ port: 0, activationDelayMs: 0 });
  tagging = taggingClient({ accessKeyId: OWNER, secretAccessKey: 'test' });
  const { lattice } = clientsFor(ll.url, OWNER);
  arns.sn = (await lattice.send(new CreateServiceNetworkCommand({ name: 'network', tags: { team: 'platform' } }))).arn!;
  for (let i = 0; i < 7; i++) arns[`svc${i}`] = (await lattice.send(new CreateServiceCommand({ name: `api-${i}`, tags: { team: i % 2 ? 'orders' : 'payments', env: i < 3 ? 'prod' : 'dev' } }))).arn!;
  arns.untagged = (await lattice.send(new CreateServiceCommand({ name: 'untagged' }))).arn!;
  arns.tg = (await lattice.send(new CreateTargetGroupCommand({ name: 'lambdas', type: 'LAMBDA', tags: { team: 'orders' } }))).arn!;
  await clientsFor(ll.url, OTHER).lattice.send(new CreateServiceCommand({ name: 'elsewhere', tags: { team: 'orders' } }));
});
afterAll(() => ll.stop());

describe('Resource Groups Tagging API: GetResources', () => {
  it("returns the caller's tagged resources of the types asked for, with their tags", async () => {
    const { items } = await allPages({ ResourceTypeFilters: ['vpc-lattice:service'] });
    expect(items.map((m) => m.ResourceARN).sort()).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => arns[`svc${i}`]).sort());
    expect(tagsOf(items.find((m) => m.ResourceARN === arns.svc1)!)).toEqual({ team: 'orders', env: 'prod' });
    const several = await allPages({ ResourceTypeFilters: ['vpc-lattice:servicenetwork', 'vpc-lattice:targetgroup'] });
    expect(several.items.map((m) => m.ResourceARN).sort()).toEqual([arns.sn, arns.tg].sort());
    const whole = await allPages({ ResourceTypeFilters: ['vpc-lattice'] });
    expect(whole.items).toHaveLength(9);
  });

  it('filters by tags: all filters hold, any value of one filter, a key alone matches any value', async () => {
    const ids = async (TagFilters: { Key: string; Values?: string[] }[]) => (await allPages({ TagFilters })).items.map((m) => m.ResourceARN).sort();
    expect(await ids([{ Key: 'team', Values: ['orders'] }])).toEqual([arns.svc1, arns.svc3, arns.svc5, arns.tg].sort());
    expect(await ids([{ Key: 'team', Values: ['orders'] }, { Key: 'env', Values: ['prod'] }])).toEqual([arns.svc1]);
    expect(await ids([{ Key: 'env', Values: ['prod', 'dev'] }, { Key: 'team', Values: ['payments'] }])).toEqual([arns.svc0, arns.svc2, arns.svc4, arns.svc6].sort());
    expect(await ids([{ Key: 'env' }])).toHaveLength(7);
    expect(await ids([{ Key: 'missing' }])).toEqual([]);
  });

  it('pages by ResourcesPerPage, every resource once', async () => {
    const { pages, items } = await allPages({ ResourceTypeFilters: ['vpc-lattice:service'], ResourcesPerPage: 3 });
    expect(pages).toBe(3);
    expect(new Set(items.map((m) => m.ResourceARN)).size).toBe(7);
  });

  it('leaves out untagged and deleted resources (absent means no tags)', async () => {
    const { lattice } = clientsFor(ll.url, OWNER);
    const gone = (await lattice.send(new CreateServiceCommand({ name: 'short-lived', tags: { team: 'x' } }))).arn!;
    const bare = (await lattice.send(new CreateServiceCommand({ name: 'bare', tags: { team: 'y' } }))).arn!;
    await lattice.send(new DeleteServiceCommand({ serviceIdentifier: gone }));
    await lattice.send(new UntagResourceCommand({ resourceArn: bare, tagKeys: ['team'] }));
    const listed = (await allPages({ ResourceTypeFilters: ['vpc-lattice:service'] })).items.map((m) => m.ResourceARN);
    expect(listed).not.toContain(gone);
    expect(listed).not.toContain(bare);
    expect(listed).not.toContain(arns.untagged);
  });

  it('refuses unknown resource types, bad page sizes and ARN lists mixed with filters', async () => {
    const unknownType = await errorOf(tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['vpc-lattice:nonsense'] })));
    expect(unknownType.name).toBe('InvalidParameterException');
    expect(unknownType.message).toContain('vpc-lattice:nonsense');
    expect((await errorOf(tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['notaservice'] })))).name).toBe('InvalidParameterException');
    expect((await errorOf(tagging.send(new GetResourcesCommand({ ResourcesPerPage: 101 })))).name).toBe('InvalidParameterException');
    expect((await errorOf(tagging.send(new GetResourcesCommand({ ResourceARNList: [arns.svc0], ResourceTypeFilters: ['vpc-lattice:service'] })))).name).toBe('InvalidParameterException');
    expect((await errorOf(tagging.send(new GetResourcesCommand({ PaginationToken: 'not-a-token' })))).name).toBe('InvalidParameterException');
    // A service AWS tags whose tags lattice-local keeps elsewhere matches nothing, without error.
    expect((await tagging.send(new GetResourcesCommand({ ResourceTypeFilters: ['ec2:instance'] }))).ResourceTagMappingList).toEqual([]);
  });

  it('answers for the ARNs listed, leaving out those that do not exist', async () => {
    const out = await tagging.send(new GetResourcesCommand({ ResourceARNList: [arns.svc0, arns.tg, `${arns.svc0}x`] }));
    expect(out.ResourceTagMappingList!.map((m) => m.ResourceARN).sort()).toEqual([arns.svc0, arns.tg].sort());
  });

  it('lists tag keys and the values of one key', async () => {
    expect((await tagging.send(new GetTagKeysCommand({}))).TagKeys).toEqual(['env', 'team']);
    expect((await tagging.send(new GetTagValuesCommand({ Key: 'env' }))).TagValues).toEqual(['dev', 'prod']);
  });

  it('refuses a role whose policies do not allow tag:GetResources, and answers one that has ReadOnlyAccess', async () => {
    const assume = async (role: string) => {
      const out = await clientsFor(ll.url, OWNER).sts.send(new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${OTHER}:role/${role}`, RoleSessionName: 'discovery' }));
      const c = out.Credentials!;
      return taggingClient({ accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! });
    };
    await ensureRole(ll.context, OTHER, 'LatticeOnly', OWNER);
    await callOperation(ll.context, { service: 'iam', operation: 'AttachRolePolicy', account: OTHER, region: REGION, input: { RoleName: 'LatticeOnly', PolicyArn: 'arn:aws:iam::aws:policy/VPCLatticeReadOnlyAccess' } });
    const denied = await errorOf((await assume('LatticeOnly')).send(new GetResourcesCommand({ ResourceTypeFilters: ['vpc-lattice:service'] })));
    expect(denied.name).toBe('AccessDeniedException');
    expect(denied.message).toContain('tag:GetResources');
    await ensureRole(ll.context, OTHER, 'ReadOnly', OWNER);
    await callOperation(ll.context, { service: 'iam', operation: 'AttachRolePolicy', account: OTHER, region: REGION, input: { RoleName: 'ReadOnly', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } });
    const out = await (await assume('ReadOnly')).send(new GetResourcesCommand({ ResourceTypeFilters: ['vpc-lattice:service'] }));
    expect(out.ResourceTagMappingList!.map((m) => tagsOf(m))).toEqual([{ team: 'orders' }]);
  });
});
