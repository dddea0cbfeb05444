// Injected faults, set through POST /_local/faults: latency, a throttle with Retry-After, an
// error rate, and the activation delay that keeps creates in progress.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as L from '@aws-sdk/client-vpc-lattice';
import * as R from '@aws-sdk/client-ram';
import { LOCAL_ADMIN_HEADERS } from '../protocols/limits';
import { errorOf, type Clients } from '@/lib/testing/clients';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';

const ACCOUNT = '160000000001';
let h: Harness;
let c: Clients;

async function setFaults(settings: Record<string, unknown>): Promise<Record<string, unknown>> {
  const res = await fetch(`${h.url}/_local/faults`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify(settings) });
  const body = (await res.json()) as Record<string, unknown>;
  if (!res.ok) throw new Error(`faults refused: ${JSON.stringify(body)}`);
  return body;
}

beforeAll(async () => {
  h = await startHarness();
  c = h.clients(ACCOUNT);
});
afterEach(async () => {
  await setFaults({ latencyMs: 0, jitterMs: 0, throttleRps: 0, errorRate: 0, activationDelayMs: 0 });
});
afterAll(async () => h?.stop());

describe('fault injection', () => {
  it('adds the configured latency to every request', async () => {
    const echoed = await setFaults({ latencyMs: 150, jitterMs: 0 });
    expect(echoed).toMatchObject({ latencyMs: 150 });
    const started = performance.now();
    await c.lattice.send(new L.ListServiceNetworksCommand({}));
    // A lower bound only: the injected delay must have been served.
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
  });

  it('throttles beyond the rate per account and operation, with Retry-After', async () => {
    await setFaults({ throttleRps: 2 });
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, () => c.lattice.send(new L.ListServicesCommand({}))));
    const throttled = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as Error & Record<string, any>);
    expect(throttled.length).toBeGreaterThan(0);
    for (const error of throttled) {
      expect(error.name).toBe('ThrottlingException');
      expect(error.$metadata.httpStatusCode).toBe(429);
      expect(error.$response?.headers?.['retry-after'] ?? String(error.retryAfterSeconds)).toMatch(/^\d+$/);
    }
    // Another operation of the same account has its own bucket.
    await c.lattice.send(new L.ListServiceNetworksCommand({}));
    // RAM speaks its own dialect of the same throttle.
    const ram = await Promise.allSettled(Array.from({ length: 6 }, () => c.ram.send(new R.ListResourceTypesCommand({}))));
    const ramThrottled = ram.filter((o): o is PromiseRejectedResult => o.status === 'rejected').map((o) => o.reason as Error & Record<string, any>);
    expect(ramThrottled.length).toBeGreaterThan(0);
    expect(ramThrottled[0]!.name).toBe('ThrottlingException');
    expect(ramThrottled[0]!.$metadata.httpStatusCode).toBe(429);
  });

  it('answers a share of requests with an internal error', async () => {
    await setFaults({ errorRate: 1 });
    const lattice = await errorOf(() => c.lattice.send(new L.ListServicesCommand({})));
    expect(lattice.name).toBe('InternalServerException');
    expect(lattice.$metadata?.httpStatusCode).toBe(500);
    const ram = await errorOf(() => c.ram.send(new R.ListResourceTypesCommand({})));
    expect(ram.name).toBe('ServerInternalException');
    expect(ram.$metadata?.httpStatusCode).toBe(500);
    await setFaults({ errorRate: 0 });
    await c.lattice.send(new L.ListServicesCommand({}));
  });

  it('keeps creates in progress for the activation delay', async () => {
    await setFaults({ activationDelayMs: 3_600_000 });
    const svc = await c.lattice.send(new L.CreateServiceCommand({ name: 'slow-to-start' }));
    expect(svc.status).toBe('CREATE_IN_PROGRESS');
    const got = await c.lattice.send(new L.GetServiceCommand({ serviceIdentifier: svc.id! }));
    expect(got.status).toBe('CREATE_IN_PROGRESS');
    const tg = await c.lattice.send(new L.CreateTargetGroupCommand({ name: 'slow-targets', type: 'LAMBDA' }));
    expect(tg.status).toBe('CREATE_IN_PROGRESS');
    await setFaults({ activationDelayMs: 0 });
    const svc2 = await c.lattice.send(new L.CreateServiceCommand({ name: 'quick-to-start' }));
    const got2 = await c.lattice.send(new L.GetServiceCommand({ serviceIdentifier: svc2.id! }));
    expect(got2.status).toBe('ACTIVE');
  });

  it('refuses a fault setting it does not know, naming it', async () => {
    const res = await fetch(`${h.url}/_local/faults`, { method: 'POST', headers: LOCAL_ADMIN_HEADERS, body: JSON.stringify({ latencyMillis: 5 }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toContain('latencyMillis');
  });
});
