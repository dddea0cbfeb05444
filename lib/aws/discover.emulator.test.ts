// Discovery against a running lattice-local (in this process, on a free port), through the
// real SDK clients and endpoint variables, exactly as the console runs it.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callOperation, LOCAL_ADMIN_HEADERS, startLatticeLocal, type LatticeLocal } from '@/lib/emulator';
import { DEMO_ACCOUNTS } from '@/lib/demo';
import { pointSdkAt } from '@/lib/testing/sdk';
import { serviceDetail } from '@/lib/topology';
import { demoAccounts } from './accounts-config';
import { forgetClients } from './clients';
import { discoverAccount, discoverEstate, type AccountProgress, type DiscoveryTarget } from './discover';

let local: LatticeLocal;
const saved = { ...process.env };
const targets = (): DiscoveryTarget[] => demoAccounts().map((a) => ({ ...a }));
const id = (name: string) => DEMO_ACCOUNTS.find((a) => a.name === name)!.id;

const useEndpoint = (url: string) => pointSdkAt(url, id('network-hub'));

beforeAll(async () => {
  local = await startLatticeLocal({ port: 0, seed: 'demo', activationDelayMs: 0, logLevel: 'silent' });
  useEndpoint(local.url);
});

afterEach(async () => {
  await fetch(`${local.url}/_local/faults`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify({ latencyMs: 0, throttleRps: 0, errorRate: 0 }) });
  await fetch(`${local.url}/_local/deny-roles`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify({ roles: [] }) });
  useEndpoint(local.url);
});

afterAll(async () => {
  forgetClients();
  await local?.stop();
  process.env = saved;
});

describe('discoverEstate against lattice-local', () => {
  it('reads every kind from every demo account, each resource once, with the fewest calls the data needs', async () => {
    const progress: AccountProgress[] = [];
    const result = await discoverEstate(targets(), { onProgress: (p) => progress.push(p) });
    const t = result.topology;
    expect(t.errors).toEqual([]);
    const kinds = new Set(t.nodes.map((n) => n.kind));
    for (const kind of ['serviceNetwork', 'service', 'listener', 'rule', 'targetGroup', 'target', 'resourceGateway', 'resourceConfiguration', 'vpc', 'subnet', 'securityGroup', 'vpcEndpoint', 'resourceShare', 'resourceShareInvitation', 'accessLogSubscription']) {
      expect(kinds, kind).toContain(kind);
    }
    for (const kind of ['serviceNetworkService', 'serviceNetworkVpc', 'serviceNetworkResourceConfiguration', 'vpcEndpointServiceNetwork', 'forward', 'targetGroupTarget', 'resourceGatewayResourceConfiguration', 'resourceConfigurationChild', 'sharePrincipal', 'shareResource']) {
      expect(t.edges.some((e) => e.kind === kind), kind).toBe(true);
    }
    expect(new Set(t.nodes.map((n) => n.id)).size).toBe(t.nodes.length);
    // Shared service networks: owned by the hub, seen by their consumers too.
    const hub = id('network-hub');
    const networks = t.nodes.filter((n) => n.kind === 'serviceNetwork');
    expect(networks.every((n) => n.account === hub && !n.external)).toBe(true);
    expect(networks.some((n) => n.seenBy.length > 1)).toBe(true);
    // Nothing is left as a reference when every account was read.
    expect(t.nodes.filter((n) => n.external && ['service', 'serviceNetwork', 'resourceConfiguration'].includes(n.kind))).toEqual([]);
    // Calls: each is needed, and none is repeated.
    expect(result.stats.calls).toBe(result.minimum.total);
    expect(result.stats.byOperation).toEqual(result.minimum.byOperation);
    // Progress: every account ends done, with its calls counted.
    const last = new Map(progress.map((p) => [p.account, p]));
    expect([...last.values()].every((p) => p.state === 'done' && p.calls > 0)).toBe(true);
    expect(last.size).toBe(DEMO_ACCOUNTS.length);

    const orders = t.nodes.find((n) => n.kind === 'service' && n.name === 'orders')!;
    const detail = serviceDetail(t, orders.id)!;
    expect(detail.listeners.length).toBeGreaterThan(0);
    expect(detail.listeners.flatMap((l) => l.rules).length).toBeGreaterThan(0);
    expect(detail.targetGroups.length).toBeGreaterThan(0);

    // Tags come in bulk from the tagging API: no call per resource when every owner is read.
    expect(result.stats.byOperation.ListTagsForResource).toBeUndefined();
    expect(result.stats.byOperation.GetResources).toBe(DEMO_ACCOUNTS.length);
    const retail = t.nodes.find((n) => n.kind === 'serviceNetwork' && n.name === 'retail-services')!;
    expect(retail.tags).toEqual({ environment: 'production', owner: 'network-team' });
  });

  it('reads tags one resource at a time, saying so once, when the role may not call tag:GetResources', async () => {
    const payments = id('payments');
    const role = { service: 'iam' as const, account: payments, region: 'us-east-1', input: { RoleName: 'TrellisConsole', PolicyArn: 'arn:aws:iam::aws:policy/ReadOnlyAccess' } };
    const withBulk = await discoverAccount({ id: payments, roleArn: `arn:aws:iam::${payments}:role/TrellisConsole` }, 'us-east-1');
    await callOperation(local.context, { ...role, operation: 'DetachRolePolicy' });
    try {
      forgetClients();
      const result = await discoverAccount({ id: payments, roleArn: `arn:aws:iam::${payments}:role/TrellisConsole` }, 'us-east-1');
      expect(result.failed).toBe(false);
      // One line about tags; the other errors (the hub's shared network, read alone) as before.
      const note = result.topology.errors.find((e) => e.operation === 'GetResources')!;
      const others = result.topology.errors.filter((e) => e !== note);
      expect(note).toMatchObject({ account: payments, operation: 'GetResources', code: 'AccessDeniedException' });
      expect(others).toEqual(withBulk.topology.errors);
      expect(note.message).toMatch(/^Tags are read one resource at a time \(ListTagsForResource\).*tag:GetResources/);
      expect(result.stats.byOperation.ListTagsForResource).toBeGreaterThan(0);
      // The same tags either way.
      const tagsOf = (r: typeof result) => Object.fromEntries(r.topology.nodes.filter((n) => !n.external).map((n) => [n.id, n.tags]));
      expect(tagsOf(result)).toEqual(tagsOf(withBulk));
      expect(Object.values(tagsOf(result)).some((tags) => Object.keys(tags).length > 0)).toBe(true);
    } finally {
      await callOperation(local.context, { ...role, operation: 'AttachRolePolicy' });
      forgetClients();
    }
  });

  it('turns an account whose role cannot be assumed into an error on that account, and reads the others', async () => {
    const payments = id('payments');
    const role = `arn:aws:iam::${payments}:role/TrellisConsole`;
    await fetch(`${local.url}/_local/deny-roles`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify({ roles: [role] }) });
    forgetClients();
    const result = await discoverEstate(targets());
    const errors = result.topology.errors;
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ account: payments, region: 'us-east-1', code: 'AccessDenied' });
    expect(errors[0].message).toContain(`Cannot assume ${role}: AccessDenied:`);
    expect(errors[0]).not.toHaveProperty('operation');
    expect(result.accounts.find((a) => a.account === payments)?.failed).toBe(true);
    expect(result.topology.nodes.filter((n) => n.kind === 'service' && n.account === id('storefront') && !n.external).length).toBeGreaterThan(0);
  });

  it('says an unreachable endpoint is unreachable, per account, without a stack trace', async () => {
    useEndpoint('http://127.0.0.1:9');
    const result = await discoverAccount({ id: id('network-hub') }, 'us-east-1', { maxAttempts: 1 });
    expect(result.failed).toBe(true);
    expect(result.topology.errors).toHaveLength(1);
    expect(result.topology.errors[0].message).toMatch(/^Cannot read the account: .*127\.0\.0\.1:9 refused the connection; is it running\?$/);
    expect(result.topology.errors[0].message).not.toMatch(/\n\s+at /);
  });

  it('reports calls throttled past their retries as errors on the operation, keeping what was read', async () => {
    await fetch(`${local.url}/_local/faults`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify({ throttleRps: 1 }) });
    forgetClients();
    const data = id('data-platform');
    const result = await discoverAccount({ id: data, roleArn: `arn:aws:iam::${data}:role/TrellisConsole` }, 'us-east-1', { maxAttempts: 1 });
    expect(result.failed).toBe(false);
    const throttled = result.topology.errors.filter((e) => e.code === 'ThrottlingException');
    expect(throttled.length).toBeGreaterThan(0);
    expect(throttled.every((e) => e.operation && e.message.startsWith(`${e.operation} failed`))).toBe(true);
    expect(result.topology.nodes.some((n) => n.kind === 'resourceConfiguration')).toBe(true);
  }, 60_000);
});
