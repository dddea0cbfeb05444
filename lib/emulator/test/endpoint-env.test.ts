// The console reaches lattice-local through the SDK's own endpoint settings and nothing else:
// a client built with no endpoint option, configured only by AWS_ENDPOINT_URL_VPC_LATTICE and
// the usual credential variables, sees the demo estate as that account.
import { ListServiceNetworksCommand, ListServicesCommand, VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '@/lib/testing/lattice-local';

const VARIABLES = ['AWS_ENDPOINT_URL', 'AWS_ENDPOINT_URL_VPC_LATTICE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_REGION', 'AWS_PROFILE'];
const saved = Object.fromEntries(VARIABLES.map((v) => [v, process.env[v]]));
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ seed: 'demo' });
  for (const v of VARIABLES) delete process.env[v];
  Object.assign(process.env, { AWS_ENDPOINT_URL_VPC_LATTICE: harness.url, AWS_ACCESS_KEY_ID: '222222222222', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' });
});

afterAll(async () => {
  for (const [v, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[v];
    else process.env[v] = value;
  }
  await harness?.stop();
});

describe('AWS_ENDPOINT_URL_VPC_LATTICE alone', () => {
  it('points an unmodified VPC Lattice client at lattice-local', async () => {
    const client = new VPCLatticeClient({ maxAttempts: 1 });
    const services = (await client.send(new ListServicesCommand({}))).items ?? [];
    expect(services.map((s) => s.name)).toContain('orders');
    expect(services.every((s) => s.arn?.includes(':222222222222:service/'))).toBe(true);
    // Shared networks appear with their owner's account in the ARN.
    const networks = (await client.send(new ListServiceNetworksCommand({}))).items ?? [];
    expect(networks.some((n) => n.arn?.includes(':111111111111:servicenetwork/'))).toBe(true);
    client.destroy();
  });
});
