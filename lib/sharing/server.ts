import 'server-only';
// Sharing as the console runs it: reads every configured account's RAM, answers invitations on
// behalf of the account that received them (audited, success or not). Proposed shares are
// checked and planned by lib/plan/sharing/server.
import { createHash } from 'node:crypto';
import { accessOf, describeAwsError, mapPooled } from '@/lib/aws';
import { askEstateRefresh, enabledAccounts, latestTopology, type EffectiveAccount } from '@/lib/estate/server';
import { acceptInvitation, readAccountSharing, readInvitation, rejectInvitation, type AccountSharing, type RamInvitation } from '@/lib/aws/sharing';
import type { Actor } from '@/lib/auth';
import { badRequest, conflict, notFound, parseInput, RequestError } from '@/lib/auth/errors';
import { recordAudit } from '@/lib/db';
import { parseArn, type Topology, type TopologyNode } from '@/lib/topology';
import { buildSharingOverview, type AccountRef, type ResourceLookup, type SharingOverview } from './overview';
import { invitationAnswerSchema } from './request';

/** Accounts read at once (each has its own clients and RAM throttles per account). */
const ACCOUNTS_AT_ONCE = 8;

function lookupIn(topology: Topology | undefined): ResourceLookup {
  const byId = new Map<string, TopologyNode>((topology?.nodes ?? []).map((n) => [n.id, n]));
  return (arn) => {
    const n = byId.get(arn);
    return n ? { name: n.name, kind: n.kind, status: n.status } : undefined;
  };
}

export interface SharingState {
  overview: SharingOverview;
  /** The topology names and previews were drawn from (absent when none could be read). */
  topology?: Topology;
}

/** Sharing across every enabled account and Region, read live from RAM. */
export async function loadSharing(): Promise<SharingState> {
  const accounts = await enabledAccounts();
  const cells = accounts.flatMap((a) => a.regions.map((region) => ({ account: a, region })));
  const [reads, topology] = await Promise.all([
    mapPooled(cells, ACCOUNTS_AT_ONCE, async ({ account, region }): Promise<AccountSharing> => {
      try {
        return await readAccountSharing(accessOf(account), region);
      } catch (err) {
        // Credentials or AssumeRole failing: the account fails alone.
        const info = describeAwsError(err);
        return { account: account.id, region, owned: [], principals: [], resources: [], received: [], receivedResources: [], invitations: [], pendingResources: {}, errors: [{ operation: 'RAM', code: info.code, message: info.message }] };
      }
    }),
    latestTopology(),
  ]);
  const refs: AccountRef[] = accounts.map((a) => ({ id: a.id, name: a.name }));
  return { overview: buildSharingOverview(reads, refs, lookupIn(topology)), topology };
}

export type InvitationDecision = 'accept' | 'reject';

/** The token RAM sees for one answer to one invitation: a retried request is the same request. */
function answerToken(invitationArn: string, decision: InvitationDecision): string {
  const h = createHash('sha256').update(`${decision}:${invitationArn}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The configured account that received an invitation, asking each in the invitation's Region. */
async function findReceiver(invitationArn: string): Promise<{ account: EffectiveAccount; region: string; invitation: RamInvitation } | undefined> {
  const region = parseArn(invitationArn)?.region ?? '';
  const candidates = (await enabledAccounts()).filter((a) => a.regions.includes(region));
  const found = await mapPooled(candidates, ACCOUNTS_AT_ONCE, async (account) => {
    try {
      const invitation = await readInvitation(accessOf(account), region, invitationArn);
      return invitation ? { account, region, invitation } : undefined;
    } catch {
      return undefined;
    }
  });
  return found.find((f) => f !== undefined);
}

export interface AnswerResult {
  invitation: RamInvitation;
  receiver: AccountRef;
}

const ALREADY: Record<string, string> = {
  ResourceShareInvitationAlreadyAcceptedException: 'has already been accepted',
  ResourceShareInvitationAlreadyRejectedException: 'has already been rejected',
  ResourceShareInvitationExpiredException: 'has expired',
};

/**
 * Accepts or rejects an invitation as the configured account that received it. Refuses
 * (409) an invitation that is no longer pending; every attempt is audited with its outcome.
 * After a success the estate is rediscovered in the background, so the topology shows the
 * new access.
 */
export async function answerInvitation(input: unknown, decision: InvitationDecision, actor: Actor, address: string | null, options: { refresh?: boolean } = {}): Promise<AnswerResult> {
  const { invitationArn } = parseInput(invitationAnswerSchema, input);
  const action = `invitation.${decision}`;
  const audit = (outcome: 'success' | 'failure', details: Record<string, unknown>) => recordAudit({ actor, action, target: invitationArn, outcome, details, address });

  const found = await findReceiver(invitationArn);
  if (!found) {
    await audit('failure', { reason: 'no configured account has received this invitation' });
    throw notFound(`No configured account has received invitation ${invitationArn} (in its Region).`);
  }
  const { account, region, invitation } = found;
  const context = { share: invitation.shareArn, shareName: invitation.shareName, sender: invitation.sender, receiver: account.id, receiverName: account.name, region };
  if (invitation.status !== 'PENDING') {
    await audit('failure', { ...context, reason: `the invitation is ${invitation.status}` });
    throw conflict(`The invitation to ${invitation.shareName || invitation.shareArn} is ${invitation.status.toLowerCase()}; only pending invitations can be ${decision}ed.`);
  }
  try {
    const answer = decision === 'accept' ? acceptInvitation : rejectInvitation;
    const updated = await answer(accessOf(account), region, invitationArn, answerToken(invitationArn, decision));
    await audit('success', { ...context, status: updated.status });
    // Asked for before answering, so a page that reads the estate next is told a newer one is coming.
    if (options.refresh !== false) await askEstateRefresh(actor.name, { fresh: true, unmetered: true }).catch((err) => console.error(`trellis: could not ask for the refresh after ${action}:`, describeAwsError(err).message));
    return { invitation: updated, receiver: { id: account.id, name: account.name } };
  } catch (err) {
    const info = describeAwsError(err);
    await audit('failure', { ...context, code: info.code, message: info.message });
    const already = ALREADY[info.code];
    if (already) throw conflict(`The invitation to ${invitation.shareName || invitation.shareArn} ${already}.`);
    throw new RequestError(502, `RAM refused to ${decision} the invitation as ${account.name} (${account.id}): ${info.message}`);
  }
}
