// The RAM calls that change sharing: answer an invitation (as its receiver), create a share,
// add or remove principals and resources, delete a share (as the owner). Each takes RAM's
// clientToken so a retried call is not applied twice; RAM refuses a token reused with other
// parameters (IdempotentParameterMismatchException).
import {
  AcceptResourceShareInvitationCommand,
  AssociateResourceShareCommand,
  CreateResourceShareCommand,
  DeleteResourceShareCommand,
  DisassociateResourceShareCommand,
  GetResourceSharesCommand,
  ListResourceTypesCommand,
  RejectResourceShareInvitationCommand,
  type RAMClient,
} from '@aws-sdk/client-ram';
import { allPages } from '../calls';
import { clientsFor, type AccountAccess } from '../clients';
import { describeAwsError } from '../errors';
import { toJsonObject } from '../json';
import type { JsonObject } from '@/lib/topology';
import { toInvitation, type RamInvitation } from './read';

type Input = Record<string, unknown>;
const as = <T>(input: Input) => input as unknown as T;

/** One function per RAM write call, keyed by the operation's model name. */
export const ramWriters = {
  CreateResourceShare: (c: RAMClient, i: Input) => c.send(new CreateResourceShareCommand(as(i))),
  AssociateResourceShare: (c: RAMClient, i: Input) => c.send(new AssociateResourceShareCommand(as(i))),
  DisassociateResourceShare: (c: RAMClient, i: Input) => c.send(new DisassociateResourceShareCommand(as(i))),
  DeleteResourceShare: (c: RAMClient, i: Input) => c.send(new DeleteResourceShareCommand(as(i))),
  AcceptResourceShareInvitation: (c: RAMClient, i: Input) => c.send(new AcceptResourceShareInvitationCommand(as(i))),
  RejectResourceShareInvitation: (c: RAMClient, i: Input) => c.send(new RejectResourceShareInvitationCommand(as(i))),
} as const;

export type RamWriteCall = keyof typeof ramWriters;
export const RAM_WRITE_CALLS = Object.keys(ramWriters) as RamWriteCall[];

export interface RamWriteResult {
  /** The share's ARN when the call made or names one. */
  arn?: string;
  /** The whole answer, as JSON. */
  output: JsonObject;
}

/** Makes one RAM write call in one account and Region; throws the SDK's error as it came. */
export async function callRamWrite(access: AccountAccess, region: string, call: string, input: Input): Promise<RamWriteResult> {
  const writer = ramWriters[call as RamWriteCall];
  if (!writer) throw new Error(`${call} is not a RAM write call Trellis makes`);
  const output = toJsonObject(await writer(clientsFor(access, region).ram, input));
  const share = output.resourceShare as { resourceShareArn?: string } | undefined;
  const arn = share?.resourceShareArn ?? (typeof input.resourceShareArn === 'string' ? input.resourceShareArn : undefined);
  return arn ? { arn, output } : { output };
}

export async function acceptInvitation(access: AccountAccess, region: string, invitationArn: string, clientToken?: string): Promise<RamInvitation> {
  const { ram } = clientsFor(access, region);
  const out = await ram.send(new AcceptResourceShareInvitationCommand({ resourceShareInvitationArn: invitationArn, ...(clientToken ? { clientToken } : {}) }));
  return toInvitation(out.resourceShareInvitation ?? {});
}

export async function rejectInvitation(access: AccountAccess, region: string, invitationArn: string, clientToken?: string): Promise<RamInvitation> {
  const { ram } = clientsFor(access, region);
  const out = await ram.send(new RejectResourceShareInvitationCommand({ resourceShareInvitationArn: invitationArn, ...(clientToken ? { clientToken } : {}) }));
  return toInvitation(out.resourceShareInvitation ?? {});
}

/** A share's status (ACTIVE, DELETING…), or `gone` once RAM reports it deleted or no longer knows it. */
export async function readShareStatus(access: AccountAccess, region: string, shareArn: string): Promise<string> {
  const { ram } = clientsFor(access, region);
  try {
    const out = await ram.send(new GetResourceSharesCommand({ resourceOwner: 'SELF', resourceShareArns: [shareArn] }));
    const share = out.resourceShares?.find((s) => s.resourceShareArn === shareArn);
    return !share || share.status === 'DELETED' ? 'gone' : (share.status ?? '');
  } catch (err) {
    if (describeAwsError(err).code === 'UnknownResourceException') return 'gone';
    throw err;
  }
}

/** The resource types RAM shares in this account and Region (ListResourceTypes). */
export async function listShareableResourceTypes(access: AccountAccess, region: string): Promise<string[]> {
  const { ram } = clientsFor(access, region);
  const types = await allPages(async (nextToken) => {
    const o = await ram.send(new ListResourceTypesCommand({ maxResults: 500, nextToken }));
    return { items: o.resourceTypes, next: o.nextToken };
  });
  return types.map((t) => t.resourceType ?? '').filter(Boolean);
}
