import { DescribeVpcsCommand } from '@aws-sdk/client-ec2';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { CreateServiceCommand, GetServiceCommand, GetServiceNetworkCommand, ListServiceNetworksCommand, ListServicesCommand } from '@aws-sdk/client-vpc-lattice';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFaultInjector, parseFaultConfig } from './faults';
import { LOCAL_ADMIN_HEADERS, type LatticeLocal, startLatticeLocal } from './index';
import { clientsFor, errorOf } from '@/lib/testing/clients';

let ll: LatticeLocal;
beforeAll(async () => {
  ll = await startLatticeLocal({ port: 0, activationDelayMs: 0 });
});
afterAll(() => ll.stop());

async function setFaults(body: unknown): Promise<Response> {
  return fetch(`${ll.url}/_local/faults`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify(body) });
}
afterEach(async () => {
  await setFaults({ latencyMs: 0, jitterMs: 0, throttleRps: 0, errorRate: 0 });
});

describe('fault configuration', () => {
  it('checks settings and names the bad field', () => {
    expect(parseFaultConfig({ latencyMs: '25', errorRate: 0.5 })).toEqual({ latencyMs: 25, errorRate: 0.5 });
    expect(() => parseFaultConfig({ errorRate: 2 })).toThrow(/errorRate must be a number from 0 to 1/);
    expect(() => parseFaultConfig({ latency: 5 })).toThrow(/unknown fault setting "latency"/);
  });

  it('throttles per account per operation with a token bucket', () => {
    const injector = createFaultInjector(() => ({ throttleRps: 2 }));
    expect(['a', 'a', 'a'].map(() => injector.decide('111111111111', 'GetService').kind)).toEqual(['pass', 'pass', 'throttle']);
    expect(injector.decide('222222222222', 'GetService').kind).toBe('pass');
    expect(injector.decide('111111111111', 'ListServices').kind).toBe('pass');
  });

  it('reads and changes the configuration through /_local/faults', async () => {
    const response = await setFaults({ latencyMs: 5, jitterMs: 1, activationDelayMs: 250 });
    expect(await response.json()).toEqual({ latencyMs: 5, jitterMs: 1, throttleRps: 0, errorRate: 0, activationDelayMs: 250 });
    expect(await (await fetch(`${ll.url}/_local/faults`)).json()).toMatchObject({ latencyMs: 5, activationDelayMs: 250 });
    expect((await setFaults({ errorRate: 'lots' })).status).toBe(400);
    await setFaults({ activationDelayMs: 0 });
  });

  it('keeps new resources CREATE_IN_PROGRESS until /_local/activate lifts them', async () => {
    await setFaults({ activationDelayMs: 86_400_000 });
    try {
      const { lattice } = clientsFor(ll.url, '111111111111');
      const created = await lattice.send(new CreateServiceCommand({ name: 'held-until-activated' }));
      expect((await lattice.send(new GetServiceCommand({ serviceIdentifier: created.id }))).status).toBe('CREATE_IN_PROGRESS');
      const response = await fetch(`${ll.url}/_local/activate`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: '{}' });
      expect(await response.json()).toEqual({ activated: 1 });
      expect((await lattice.send(new GetServiceCommand({ serviceIdentifier: created.id }))).status).toBe('ACTIVE');
    } finally {
      await setFaults({ activationDelayMs: 0 });
    }
  });
});

describe('injected faults on the wire', () => {
  it('answers ThrottlingException 429 with Retry-After beyond the rate, per operation', async () => {
    await setFaults({ throttleRps: 2 });
    const { lattice } = clientsFor(ll.url, '111111111111');
    await lattice.send(new ListServiceNetworksCommand({}));
    await lattice.send(new ListServiceNetworksCommand({}));
    const error = await errorOf(lattice.send(new ListServiceNetworksCommand({})));
    expect([error.name, error.$metadata?.httpStatusCode, error.serviceCode]).toEqual(['ThrottlingException', 429, 'vpc-lattice']);
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    await lattice.send(new ListServicesCommand({}));
    const ec2 = clientsFor(ll.url, '111111111111').ec2;
    await ec2.send(new DescribeVpcsCommand({}));
    await ec2.send(new DescribeVpcsCommand({}));
    expect((await errorOf(ec2.send(new DescribeVpcsCommand({})))).name).toBe('RequestLimitExceeded');
  });

  it('answers InternalServerException 500 at the error rate', async () => {
    await setFaults({ errorRate: 1 });
    const { lattice, sts } = clientsFor(ll.url, '111111111111');
    const error = await errorOf(lattice.send(new GetServiceNetworkCommand({ serviceNetworkIdentifier: 'sn-0123456789abcdefg' })));
    expect([error.name, error.$metadata?.httpStatusCode, error.$fault]).toEqual(['InternalServerException', 500, 'server']);
    expect((await errorOf(sts.send(new GetCallerIdentityCommand({})))).name).toBe('InternalFailure');
  });

  it('applies latency without failing the request', async () => {
    const { sts } = clientsFor(ll.url, '111111111111');
    await sts.send(new GetCallerIdentityCommand({})); // connection and signing set up outside the measure
    await setFaults({ latencyMs: 150, jitterMs: 0 });
    const started = performance.now();
    const out = await sts.send(new GetCallerIdentityCommand({}));
    const elapsed = performance.now() - started;
    expect(out.Account).toBe('111111111111');
    // Timers may fire a millisecond early; the injected delay is the bulk of the answer's time.
    expect(elapsed).toBeGreaterThanOrEqual(145);
  });
});
