// What apply needs to run a sharing plan operation (service `ram`): the call, and the share's
// status while it waits for ACTIVE (create) or gone (delete).
import type { AccountAccess } from '../clients';
import { callRamWrite, readShareStatus } from './write';

export interface RamOperation {
  service: string;
  call: string;
  region: string;
  arn?: string;
}

export function isRamOperation(op: { service: string }): boolean {
  return op.service === 'ram';
}

/** Makes the operation's RAM call; the result names the share (its ARN). */
export async function callRamOperation(access: AccountAccess, op: RamOperation, input: Record<string, unknown>): Promise<{ arn?: string }> {
  const result = await callRamWrite(access, op.region, op.call, input);
  const arn = result.arn ?? op.arn;
  return arn ? { arn } : {};
}

/** The share's status for apply's wait: ACTIVE, PENDING…, or `gone`. */
export async function ramOperationStatus(access: AccountAccess, op: RamOperation, result: { arn?: string }): Promise<string> {
  const arn = result.arn ?? op.arn;
  if (!arn) return 'gone';
  return readShareStatus(access, op.region, arn);
}
