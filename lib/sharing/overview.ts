// Sharing across the configured accounts, assembled from what each account's RAM said: the
// shares they own (with principals and resources), the shares they receive (and whether an
// invitation was ever involved), and the invitations addressed to them. Pure: the reads
// come in as data.
import type { AccountSharing, RamAssociation, RamInvitation, RamResource } from '@/lib/aws/sharing';
import { accountOfArn, type ResourceKind } from '@/lib/topology';
import { checkPrincipal, SHAREABLE_TYPES } from './rules';

export interface AccountRef {
  id: string;
  name: string;
}

/** What Trellis knows of a shared resource beyond its ARN (from the latest discovery). */
export interface ResourceInfo {
  name: string;
  kind: ResourceKind;
  status?: string;
}

export type ResourceLookup = (arn: string) => ResourceInfo | undefined;

export interface SharedResourceView {
  arn: string;
  /** RAM's type string. */
  type: string;
  kind: ResourceKind | null;
  /** The resource's name when discovery has seen it, else its id from the ARN. */
  name: string;
  owner: string;
  status: string;
  statusMessage?: string;
}

export type PrincipalAccess = 'invitation-pending' | 'invitation-accepted' | 'invitation-rejected' | 'invitation-expired' | 'automatic' | 'removed' | 'failed';

export interface SharePrincipalView {
  /** The principal as RAM holds it: an account id or an organization / OU ARN. */
  id: string;
  kind: 'account' | 'organization' | 'organizationalUnit' | 'other';
  /** The configured account's name, for account principals Trellis reads. */
  name?: string;
  status: string;
  statusMessage?: string;
  /** Outside the owner's organization. */
  external: boolean;
  access: PrincipalAccess;
}

export interface OwnedShareView {
  arn: string;
  name: string;
  owner: AccountRef;
  region: string;
  status: string;
  statusMessage?: string;
  allowExternalPrincipals: boolean;
  createdAt?: string;
  tags: Record<string, string>;
  resources: SharedResourceView[];
  principals: SharePrincipalView[];
}

export interface ReceivedShareView {
  arn: string;
  name: string;
  owner: AccountRef;
  receiver: AccountRef;
  region: string;
  status: string;
  /** `invitation`: the receiver accepted one; `organization`: access came without an invitation. */
  via: 'invitation' | 'organization';
  resources: SharedResourceView[];
}

export interface InvitationView {
  arn: string;
  shareArn: string;
  shareName: string;
  sender: AccountRef;
  receiver: AccountRef;
  region: string;
  status: string;
  sentAt?: string;
  /** What it shares (pending invitations only; RAM answers ListPendingInvitationResources only then). */
  resources: SharedResourceView[] | null;
  resourcesError?: string;
}

export interface SharingReadError {
  account: string;
  region: string;
  operation: string;
  code: string;
  message: string;
}

export interface SharingOverview {
  accounts: AccountRef[];
  owned: OwnedShareView[];
  received: ReceivedShareView[];
  /** Pending first, then newest first. */
  invitations: InvitationView[];
  errors: SharingReadError[];
  readAt: string;
}

function accountRef(id: string, names: ReadonlyMap<string, string>): AccountRef {
  return { id, name: names.get(id) ?? id };
}

function kindOfType(type: string): ResourceKind | null {
  return SHAREABLE_TYPES.find((t) => t.resourceType.toLowerCase() === type.toLowerCase())?.kind ?? null;
}

function idOfArn(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

function resourceView(arn: string, type: string, status: string, statusMessage: string | undefined, lookup: ResourceLookup): SharedResourceView {
  const info = lookup(arn);
  const view: SharedResourceView = { arn, type, kind: info?.kind ?? kindOfType(type), name: info?.name ?? idOfArn(arn), owner: accountOfArn(arn), status };
  if (statusMessage) view.statusMessage = statusMessage;
  return view;
}

const typeOfArn = (arn: string) => SHAREABLE_TYPES.find((t) => arn.includes(`:${t.arnResource}/${t.idPrefix}-`))?.resourceType ?? '';

function principalAccess(a: RamAssociation, invitation: RamInvitation | undefined): PrincipalAccess {
  if (a.status === 'FAILED') return 'failed';
  if (invitation?.status === 'PENDING' || (a.status === 'ASSOCIATING' && a.external)) return 'invitation-pending';
  if (invitation?.status === 'REJECTED') return 'invitation-rejected';
  if (invitation?.status === 'EXPIRED') return 'invitation-expired';
  if (a.status === 'DISASSOCIATED' || a.status === 'DISASSOCIATING') return 'removed';
  // Principals outside the organization only ever join through an invitation.
  if (invitation?.status === 'ACCEPTED' || a.external) return 'invitation-accepted';
  return 'automatic';
}

function principalKind(id: string): SharePrincipalView['kind'] {
  const check = checkPrincipal(id);
  return check.ok ? check.principal.kind : 'other';
}

const byName = (a: { name: string; arn: string }, b: { name: string; arn: string }) => a.name.localeCompare(b.name) || a.arn.localeCompare(b.arn);

/**
 * Assembles the overview. `accounts` names the configured accounts; `lookup` gives names of
 * resources discovery has seen. Invitations seen from the receiving side tell the owner's
 * view which principals were invited and how they answered.
 */
export function buildSharingOverview(reads: readonly AccountSharing[], accounts: readonly AccountRef[], lookup: ResourceLookup = () => undefined, now = new Date()): SharingOverview {
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  // The newest invitation per (share, receiver), as each configured receiver sees it.
  const invitationOf = new Map<string, RamInvitation>();
  for (const read of reads) {
    for (const inv of read.invitations) {
      const key = `${inv.shareArn}|${inv.receiver}`;
      const seen = invitationOf.get(key);
      if (!seen || (inv.sentAt ?? '') > (seen.sentAt ?? '')) invitationOf.set(key, inv);
    }
  }

  const owned: OwnedShareView[] = [];
  const received: ReceivedShareView[] = [];
  const invitations: InvitationView[] = [];
  const errors: SharingReadError[] = [];

  for (const read of reads) {
    for (const e of read.errors) errors.push({ account: read.account, region: read.region, ...e });

    for (const share of read.owned) {
      const resources = read.resources
        .filter((a) => a.shareArn === share.arn && a.status !== 'DISASSOCIATED')
        .map((a) => resourceView(a.entity, typeOfArn(a.entity), a.status, a.statusMessage, lookup));
      const principals = read.principals
        .filter((a) => a.shareArn === share.arn)
        .map((a): SharePrincipalView => {
          const view: SharePrincipalView = { id: a.entity, kind: principalKind(a.entity), status: a.status, external: a.external, access: principalAccess(a, invitationOf.get(`${share.arn}|${a.entity}`)) };
          const name = names.get(a.entity);
          if (name) view.name = name;
          if (a.statusMessage) view.statusMessage = a.statusMessage;
          return view;
        })
        // A principal removed long ago is history, not part of the share.
        .filter((p) => p.access !== 'removed');
      const view: OwnedShareView = {
        arn: share.arn,
        name: share.name,
        owner: accountRef(share.owner || read.account, names),
        region: read.region,
        status: share.status,
        allowExternalPrincipals: share.allowExternalPrincipals,
        tags: share.tags,
        resources: resources.sort(byName),
        principals,
      };
      if (share.statusMessage) view.statusMessage = share.statusMessage;
      if (share.createdAt) view.createdAt = share.createdAt;
      owned.push(view);
    }

    for (const share of read.received) {
      const invitation = invitationOf.get(`${share.arn}|${read.account}`);
      received.push({
        arn: share.arn,
        name: share.name,
        owner: accountRef(share.owner || accountOfArn(share.arn), names),
        receiver: accountRef(read.account, names),
        region: read.region,
        status: share.status,
        via: invitation?.status === 'ACCEPTED' ? 'invitation' : 'organization',
        resources: read.receivedResources
          .filter((r: RamResource) => r.shareArn === share.arn)
          .map((r) => resourceView(r.arn, r.type, r.status, r.statusMessage, lookup))
          .sort(byName),
      });
    }

    for (const inv of read.invitations) {
      const pending = read.pendingResources[inv.arn];
      const view: InvitationView = {
        arn: inv.arn,
        shareArn: inv.shareArn,
        shareName: inv.shareName,
        sender: accountRef(inv.sender, names),
        receiver: accountRef(inv.receiver || read.account, names),
        region: read.region,
        status: inv.status,
        resources: pending && 'resources' in pending ? pending.resources.map((r) => resourceView(r.arn, r.type, r.status, r.statusMessage, lookup)).sort(byName) : null,
      };
      if (inv.sentAt) view.sentAt = inv.sentAt;
      if (pending && 'error' in pending) view.resourcesError = pending.error;
      invitations.push(view);
    }
  }

  invitations.sort((a, b) => Number(b.status === 'PENDING') - Number(a.status === 'PENDING') || (b.sentAt ?? '').localeCompare(a.sentAt ?? '') || a.arn.localeCompare(b.arn));
  return {
    accounts: accounts.map((a) => ({ id: a.id, name: a.name })),
    owned: owned.sort(byName),
    received: received.sort((a, b) => a.receiver.id.localeCompare(b.receiver.id) || byName(a, b)),
    invitations,
    errors,
    readAt: now.toISOString(),
  };
}

/** The pending invitations an approver can answer: addressed to a configured account. */
export function pendingInvitations(overview: Pick<SharingOverview, 'invitations'>): InvitationView[] {
  return overview.invitations.filter((i) => i.status === 'PENDING');
}
