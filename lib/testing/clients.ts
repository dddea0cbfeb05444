// Real AWS SDK v3 clients pointed at a running lattice-local, one set per identity, for the
// emulator's suites, the console's tests and the e2e specs. `maxAttempts: 1` so injected
// faults and errors reach the test unretried.
import * as lattice from '@aws-sdk/client-vpc-lattice';
import * as ram from '@aws-sdk/client-ram';
import * as ec2 from '@aws-sdk/client-ec2';
import * as sts from '@aws-sdk/client-sts';

export const REGION = 'us-east-1';

export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export interface Clients {
  lattice: lattice.VPCLatticeClient;
  ram: ram.RAMClient;
  ec2: ec2.EC2Client;
  sts: sts.STSClient;
  credentials: Credentials;
}

/** Long-term credentials of an account: the access key ID is the account ID, the secret `test`. */
export function accountCredentials(account: string): Credentials {
  return { accessKeyId: account, secretAccessKey: 'test' };
}

export function clientsFor(endpoint: string, who: string | Credentials, region = REGION): Clients {
  const credentials = typeof who === 'string' ? accountCredentials(who) : who;
  const config = { endpoint, region, credentials, maxAttempts: 1 };
  return {
    lattice: new lattice.VPCLatticeClient(config),
    ram: new ram.RAMClient(config),
    ec2: new ec2.EC2Client(config),
    sts: new sts.STSClient(config),
    credentials,
  };
}

/** The services the clients speak, by the names the emulator's model suites use. */
export type ServiceKey = 'lattice' | 'ram' | 'ec2' | 'sts';

const NAMESPACES: Record<ServiceKey, Record<string, unknown>> = { lattice, ram, ec2, sts };

type AnyCommand = new (input: unknown) => never;

/** Sends model operation `operation` of `service` with `input`, by name. */
export async function send(clients: Clients, service: ServiceKey, operation: string, input: unknown): Promise<Record<string, unknown>> {
  const Command = NAMESPACES[service][`${operation}Command`] as AnyCommand | undefined;
  if (!Command) throw new Error(`the ${service} SDK has no ${operation}Command`);
  const client = clients[service] as { send(command: unknown): Promise<unknown> };
  return (await client.send(new Command(input))) as Record<string, unknown>;
}

/** The error `call` (a promise, or a function returning one) rejects with; fails when it resolves. */
export async function errorOf(call: Promise<unknown> | (() => Promise<unknown>)): Promise<Error & Record<string, any>> {
  try {
    await (typeof call === 'function' ? call() : call);
  } catch (e) {
    return e as Error & Record<string, any>;
  }
  throw new Error('expected the call to fail, it succeeded');
}

export function destroyClients(clients: Clients): void {
  clients.lattice.destroy();
  clients.ram.destroy();
  clients.ec2.destroy();
  clients.sts.destroy();
}
