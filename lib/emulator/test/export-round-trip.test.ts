// The round trip that proves an export says what the estate is: the demo estate, read by
// discovery, exported to CloudFormation; the templates deployed resource by resource into an
// empty lattice-local (holding only the same EC2 inventory, the environment the templates refer
// to); the new estate read again. Its resources, their settings and every reference between
// them equal the original's, modulo ids. The same for a design.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetClients } from '@/lib/aws/clients';
import { DEMO_ORGANIZATION_WITH_MEMBERS } from '@/lib/demo';
import { callOperation, createInstance, createSecurityGroup, createSubnet, createVpc, setOrganization, startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { applyDemoIdentities } from '../seeds/identities';
import { exportCloudFormation, sourceFromDesign, sourceFromTopology, type IacSource } from '@/lib/iac';
import { displayName, isInterp, isOutside, isRef, Resolver, type Expr } from '@/lib/iac/resolve';
import { DEMO_NAMES, demoDesign, demoId, discoverFrom } from '@/lib/testing/iac';
import type { Topology } from '@/lib/topology/types';
import { deployStacks, parseTemplate, type DeployedStack } from './support/cfn-deployer';

let original: LatticeLocal;
let copy: LatticeLocal | undefined;
let topology: Topology;
const saved = { ...process.env };
const REGION = 'us-east-1';

beforeAll(async () => {
  original = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  topology = await discoverFrom(original);
}, 60_000);

afterAll(async () => {
  forgetClients();
  await original?.stop();
  await copy?.stop();
  process.env = saved;
});

/** An empty lattice-local with the original's EC2 inventory (same ids) and organization sharing on. */
async function emptyWithInventory(): Promise<LatticeLocal> {
  const local = await startLatticeLocal({ port: 0, seed: 'empty', activationDelayMs: 0, logLevel: 'silent' });
  for (const account of Object.keys(DEMO_NAMES)) {
    const ec2 = (operation: string) => callOperation(original.context, { service: 'ec2', operation, account, region: REGION, input: {} });
    const tags = (t?: { Key: string; Value: string }[]) => Object.fromEntries((t ?? []).map((x) => [x.Key, x.Value]));
    for (const v of (await ec2('DescribeVpcs')).Vpcs ?? []) {
      if (v.OwnerId !== account) continue;
      createVpc(local.store, { account, region: REGION, vpcId: v.VpcId, cidrBlock: v.CidrBlock, tags: tags(v.Tags), isDefault: v.IsDefault });
    }
    for (const s of (await ec2('DescribeSubnets')).Subnets ?? []) {
      if (s.OwnerId !== account) continue;
      createSubnet(local.store, { account, region: REGION, vpcId: s.VpcId, subnetId: s.SubnetId, cidrBlock: s.CidrBlock, availabilityZone: s.AvailabilityZone, tags: tags(s.Tags), defaultForAz: s.DefaultForAz });
    }
    for (const g of (await ec2('DescribeSecurityGroups')).SecurityGroups ?? []) {
      if (g.OwnerId !== account || g.GroupName === 'default') continue;
      createSecurityGroup(local.store, { account, region: REGION, vpcId: g.VpcId, groupId: g.GroupId, groupName: g.GroupName, description: g.Description, tags: tags(g.Tags) });
    }
    for (const r of (await ec2('DescribeInstances')).Reservations ?? []) {
      for (const i of r.Instances ?? []) {
        createInstance(local.store, { account, region: REGION, subnetId: i.SubnetId, instanceId: i.InstanceId, privateIpAddress: i.PrivateIpAddress, instanceType: i.InstanceType, securityGroupIds: (i.SecurityGroups ?? []).map((g: { GroupId: string }) => g.GroupId), tags: tags(i.Tags) });
      }
    }
  }
  // What the templates refer to but do not create: the organization, and the IAM roles, Lambda
  // functions and log groups of the demo estate.
  local.store.transaction(() => setOrganization(local.store, DEMO_ORGANIZATION_WITH_MEMBERS));
  applyDemoIdentities(local.context);
  await callOperation(local.context, { service: 'ram', operation: 'EnableSharingWithAwsOrganization', account: demoId('network-hub'), region: REGION, input: {} });
  return local;
}

/**
 * The estate as comparable lines: each resource's kind, account, name (with its parents'), its
 * create-call settings and tags, with every reference replaced by the name of what it names.
 */
function canonical(source: IacSource): string[] {
  const resolver = new Resolver(source);
  const label = (key: string) => {
    const r = resolver.byKey.get(key)!;
    return `<${r.kind} ${source.accountNames[r.account] ?? r.account} ${displayName(r, resolver)}>`;
  };
  const norm = (e: Expr): unknown => {
    if (isRef(e)) return label(e.$ref);
    if (isOutside(e)) return e.$outside;
    if (isInterp(e)) return e.$parts.map((p) => (typeof p === 'string' ? p : label(p.$ref))).join('');
    if (Array.isArray(e)) return e.map(norm);
    if (e && typeof e === 'object') return Object.fromEntries(Object.entries(e).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, norm(v as Expr)]));
    return e;
  };
  return source.resources
    .map((r) => {
      const res = resolver.resolve(r);
      const spec = norm(res.spec) as Record<string, unknown>;
      if (r.kind === 'resourceShare') spec.resourceArns = [...(spec.resourceArns as string[])].sort();
      return JSON.stringify({ what: label(r.key), spec, tags: r.tags ?? {} });
    })
    .sort();
}

async function roundTrip(source: IacSource): Promise<{ before: string[]; after: string[]; order: string[]; accepted: string[] }> {
  const out = exportCloudFormation(source);
  const ids = new Map(Object.entries(DEMO_NAMES).map(([id, name]) => [name, id]));
  const stacks: DeployedStack[] = out.files.map((f) => {
    const name = f.path.replace(/^cloudformation\//, '').replace(/\.yaml$/, '');
    const m = /^(.*)-([a-z]{2}-[a-z]+-\d)$/.exec(name)!;
    return { name, account: ids.get(m[1]) ?? m[1], region: m[2], template: parseTemplate(f.content) };
  });
  await copy?.stop();
  copy = await emptyWithInventory();
  const { order, accepted } = await deployStacks(copy, stacks);
  const again = await discoverFrom(copy);
  expect(again.errors).toEqual([]);
  return { before: canonical(source), after: canonical(sourceFromTopology(again, { kind: 'estate' }, DEMO_NAMES)), order, accepted };
}

describe('round trip through CloudFormation', () => {
  it('the demo estate, exported and deployed into an empty lattice-local, reads back as the same estate modulo ids', async () => {
    const { before, after, order, accepted } = await roundTrip(sourceFromTopology(topology, { kind: 'estate' }, DEMO_NAMES));
    expect(order.length).toBeGreaterThan(80);
    // Payments is outside the organization: its invitation is accepted outside the template, as the header says.
    expect(accepted).toEqual([`${demoId('payments')} retail-services`]);
    // The accepted invitation is the one thing no template holds: it is a resource of the original only.
    const withoutAccepter = (lines: string[]) => lines.filter((l) => !l.includes('"<shareAccepter'));
    expect(withoutAccepter(after)).toEqual(withoutAccepter(before));
    expect(after.filter((l) => l.includes('"<shareAccepter'))).toEqual(before.filter((l) => l.includes('"<shareAccepter')));
  }, 120_000);

  it('a design, exported and deployed beside the estate it refers to, reads back as the design', async () => {
    const design = demoDesign(topology);
    const source = sourceFromDesign(design, 'checkout-v2', topology, DEMO_NAMES);
    const estateOut = exportCloudFormation(sourceFromTopology(topology, { kind: 'estate' }, DEMO_NAMES));
    const designOut = exportCloudFormation(source);
    // Deploy the estate first (the design refers to retail-services), then the design's stack.
    const ids = new Map(Object.entries(DEMO_NAMES).map(([id, name]) => [name, id]));
    const toStacks = (files: typeof estateOut.files, suffix: string): DeployedStack[] =>
      files.map((f) => {
        const name = f.path.replace(/^cloudformation\//, '').replace(/\.yaml$/, '');
        const m = /^(.*)-([a-z]{2}-[a-z]+-\d)$/.exec(name)!;
        return { name: `${name}${suffix}`, account: ids.get(m[1])!, region: m[2], template: parseTemplate(f.content) };
      });
    await copy?.stop();
    copy = await emptyWithInventory();
    await deployStacks(copy, toStacks(estateOut.files, ''));
    const estateAgain = await discoverFrom(copy);
    // The design's parameter for retail-services defaults to the original ARN: point it at the copy's.
    const retailCopy = estateAgain.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!.id;
    const retailOriginal = topology.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!.id;
    const designStacks = toStacks(designOut.files.map((f) => ({ ...f, content: f.content.replaceAll(retailOriginal, retailCopy) })), '-design');
    await deployStacks(copy, designStacks);
    const after = await discoverFrom(copy);
    // Every record of the design is in the copy, with its settings and references.
    const designLines = canonical(source).map((l) => l.replace(/"(new-[a-z]+)"/g, '$1'));
    const copyLines = canonical(sourceFromTopology(after, { kind: 'selection', ids: after.nodes.filter((n) => (n.kind === 'service' && n.name === 'checkout-v2') || (n.kind === 'targetGroup' && n.name === 'checkout-v2-pods')).map((n) => n.id) }, DEMO_NAMES));
    expect(copyLines.length).toBe(designLines.length);
    // The copy holds what the design says, plus what the API fills in where it says nothing (health-check defaults).
    const byWhat = new Map(copyLines.map((l) => JSON.parse(l.replaceAll(retailCopy, retailOriginal))).map((o: { what: string }) => [o.what, o]));
    for (const line of designLines) {
      const want = JSON.parse(line) as { what: string };
      expect(byWhat.get(want.what), want.what).toMatchObject(want);
    }
  }, 120_000);
});
