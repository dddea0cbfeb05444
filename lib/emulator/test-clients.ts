// SDK clients pointed at a running lattice-local, for tests (one attempt, no retries).
import { EC2Client } from '@aws-sdk/client-ec2';
import { RAMClient } from '@aws-sdk/client-ram';
import { STSClient } from '@aws-sdk/client-sts';
import { VPCLatticeClient } from '@aws-sdk/client-vpc-lattice';

export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export function clientsFor(url: string, account: string | TestCredentials, region = 'us-east-1') {
  const credentials = typeof account === 'string' ? { accessKeyId: account, secretAccessKey: 'test' } : account;
  const config = { region, endpoint: url, maxAttempts: 1, credentials };
  return {
    lattice: new VPCLatticeClient(config),
    ram: new RAMClient(config),
    ec2: new EC2Client(config),
    sts: new STSClient(config),
  };
}

/** The error a promise rejects with (fails the test if it resolves). */
export async function failure<T = Error & { name: string; $metadata: { httpStatusCode?: number }; [k: string]: any }>(
  promise: Promise<unknown>,
): Promise<T> {
  try {
    await promise;
  } catch (error) {
    return error as T;
  }
  throw new Error('expected the call to fail, but it succeeded');
}
