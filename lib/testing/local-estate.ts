// For tests and benchmarks: lattice-local in process with the SDK pointed at it, the
// default VPC of an account, and a design that exercises every kind a plan knows
// (lib/testing/convergence.ts, which tests in other processes use over HTTP as well).
import { clientsFor, forgetClients } from '@/lib/aws';
import { LOCAL_ADMIN_HEADERS, startLatticeLocal, type LatticeLocalOptions } from '@/lib/emulator';
import { defaultNetworkOf, prepareConvergenceAccount, type DefaultNetwork } from './convergence';
import { pointSdkAt, TEST_REGION } from './sdk';

export { pointSdkAt, TEST_REGION };
export { CONVERGENCE_CREATES, convergenceDesign, type DefaultNetwork } from './convergence';

export interface LocalEstate {
  url: string;
  account: string;
  setFaults(faults: Record<string, number>): Promise<void>;
  stop(): Promise<void>;
}

/** Starts lattice-local and points the SDK (the base credentials) at it as `account`. */
export async function startLocalEstate(account: string, options: LatticeLocalOptions = {}): Promise<LocalEstate> {
  const local = await startLatticeLocal({ port: 0, seed: 'empty', activationDelayMs: 100, logLevel: 'silent', ...options });
  await prepareConvergenceAccount(local.url, account, TEST_REGION);
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

/** The default VPC of `account` in the test region, read through the console's SDK clients. */
export function defaultNetwork(account: string): Promise<DefaultNetwork> {
  return defaultNetworkOf(clientsFor({ id: account }, TEST_REGION).ec2);
}
