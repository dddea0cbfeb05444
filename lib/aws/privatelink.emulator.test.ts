// Discovery of PrivateLink, every VPC endpoint type and target resources against the seeded
// demo estate in lattice-local, through the real SDK clients.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { DEMO_ACCOUNTS } from '@/lib/demo';
import { pointSdkAt } from '@/lib/testing/sdk';
import { buildView, endpointServiceFacts, targetPointsAt, type Topology } from '@/lib/topology';
import { demoAccounts } from './accounts-config';
import { forgetClients } from './clients';
import { discoverEstate } from './discover';

let local: LatticeLocal;
let topology: Topology;
const saved = { ...process.env };
const id = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;

beforeAll(async () => {
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  pointSdkAt(local.url, id('network-hub'));
  const result = await discoverEstate(demoAccounts().map((a) => ({ ...a })));
  expect(result.stats.byOperation).toEqual(result.minimum.byOperation);
  topology = result.topology;
});

afterAll(async () => {
  forgetClients();
  await local?.stop();
  process.env = saved;
});

const endpoint = (name: string) => topology.nodes.find((n) => n.kind === 'vpcEndpoint' && n.name === name)!;

describe('PrivateLink discovery against lattice-local', () => {
  it('reads the payments endpoint service with its principals and its connections from two other accounts', () => {
    expect(topology.errors).toEqual([]);
    const service = topology.nodes.find((n) => n.kind === 'vpcEndpointService' && n.name === 'ledger-export')!;
    expect(service).toMatchObject({ account: id('payments'), status: 'Available' });
    expect(service.external).toBeUndefined();
    const facts = endpointServiceFacts(topology, service);
    expect(facts.acceptanceRequired).toBe(true);
    expect(facts.types).toEqual(['Interface']);
    expect(facts.loadBalancers).toEqual([expect.stringContaining(':loadbalancer/net/ledger-export-nlb/')]);
    expect(facts.allowedPrincipals?.map((p) => p.principal).sort()).toEqual([`arn:aws:iam::${id('storefront')}:root`, `arn:aws:iam::${id('data-platform')}:root`].sort());
    expect(facts.connections.map((c) => [c.endpoint.name, c.account, c.state])).toEqual([
      ['storefront-to-ledger-export', id('storefront'), 'available'],
      ['data-platform-to-ledger-export', id('data-platform'), 'pendingAcceptance'],
    ]);
    // The consumers' endpoints are the real ones, read in their own accounts.
    expect(facts.connections.every((c) => !c.endpoint.external && c.endpoint.description.ServiceName === service.description.ServiceName)).toBe(true);
  });

  it('reads every endpoint type with its service name, subnets and security groups; the Resource endpoint reaches its configuration', () => {
    const types = new Set(topology.nodes.filter((n) => n.kind === 'vpcEndpoint').map((n) => n.description.VpcEndpointType));
    expect([...types].sort()).toEqual(['Gateway', 'Interface', 'Resource', 'ServiceNetwork']);
    expect(endpoint('payments-s3').description).toMatchObject({ VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.s3' });
    const secrets = endpoint('payments-secretsmanager');
    expect(secrets.description).toMatchObject({ VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.secretsmanager' });
    expect((secrets.description.SubnetIds as string[]).length).toBeGreaterThan(0);
    expect((secrets.description.Groups as unknown[]).length).toBe(1);
    const resource = endpoint('reporting-to-orders-db');
    const edge = topology.edges.find((e) => e.kind === 'vpcEndpointResourceConfiguration' && e.source === resource.id)!;
    const rc = topology.nodes.find((n) => n.id === edge.target)!;
    expect(rc).toMatchObject({ kind: 'resourceConfiguration', account: id('data-platform') });
    expect(rc.external).toBeUndefined();
  });

  it('points INSTANCE and IP targets at the instances behind them', () => {
    const targets = topology.nodes.filter((n) => n.kind === 'target');
    const pointed = targets.map((t) => targetPointsAt(topology, t));
    const instances = pointed.filter((p) => p.type === 'INSTANCE');
    expect(instances.length).toBeGreaterThan(0);
    expect(instances.every((p) => p.node?.kind === 'instance' && !p.node.external && p.node.resourceId === p.reference)).toBe(true);
    const ips = pointed.filter((p) => p.type === 'IP' && p.node);
    expect(ips.length).toBeGreaterThan(0);
    expect(ips.every((p) => p.node!.description.PrivateIpAddress === p.reference || JSON.stringify(p.node!.description).includes(`"${p.reference}"`))).toBe(true);
    const instance = instances[0].node!;
    expect(instance.description).toMatchObject({ InstanceType: expect.any(String), PrivateIpAddress: expect.any(String) });
    expect(instance.status).toBe('running');
  });

  it('draws the endpoint service in its owner account, with its connections as lines from the consumers', () => {
    const view = buildView(topology);
    const service = view.nodes.find((n) => n.kind === 'vpcEndpointService')!;
    expect(service.account).toBe(id('payments'));
    const lines = view.edges.filter((e) => e.kind === 'vpcEndpointConnection' && e.target === service.id);
    expect(lines.map((e) => view.nodes.find((n) => n.id === e.source)!.account).sort()).toEqual([id('storefront'), id('data-platform')].sort());
    expect(view.nodes.filter((n) => n.kind === 'vpcEndpoint').map((n) => n.node!.description.VpcEndpointType)).toEqual(expect.arrayContaining(['Gateway', 'Interface', 'Resource', 'ServiceNetwork']));
  });
});
