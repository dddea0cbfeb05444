// What RAM's operations share: the caller's share and invitation checks, principal parsing,
// client-token idempotency, and the shares another account can see.
import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '@/lib/canonical';
import type { OperationContext } from '../types';
import { findResourceType, isShareArn } from './catalog';
import { invalidParameter, malformedShareArn, ramError, unknownShare } from './errors';
import { isMember, organizationOf } from './organization';
import { ASSOCIATION, CLIENT_TOKEN, associationKey, getShare, hasAccessThroughShare, isAccountPrincipal, type AssociationRecord, type ClientTokenRecord, type InvitationRecord, type ShareRecord } from './state';
import { associationView, invitationView, shareView } from './views';

export type Ctx = OperationContext<Record<string, any>>;

/** The caller's own share, checked for form and existence. */
function ownShare(c: Ctx, arn: string): ShareRecord {
  if (!isShareArn(arn)) throw malformedShareArn(arn);
  const share = getShare(c.store, arn);
  if (!share || share.account !== c.account || share.region !== c.region) throw unknownShare(arn);
  return share;
}

export function activeShare(c: Ctx, arn: string): ShareRecord {
  const share = ownShare(c, arn);
  if (share.status !== 'ACTIVE') {
    throw ramError('InvalidStateTransitionException', `ResourceShare ${arn} is in state ${share.status} and cannot be changed.`);
  }
  return share;
}

export function checkShareArns(arns: string[] | undefined): void {
  for (const arn of arns ?? []) if (!isShareArn(arn)) throw malformedShareArn(arn);
}

export function checkResourceType(resourceType: string | undefined, errorCode: 'InvalidResourceTypeException' | 'InvalidParameterException'): string | undefined {
  if (resourceType === undefined) return undefined;
  const found = findResourceType(resourceType);
  if (!found) throw ramError(errorCode, `The specified resource type ${resourceType} is not valid. Call ListResourceTypes for the supported types.`);
  return found.resourceType;
}

/** The principal kinds RAM accepts, parsed; anything else is malformed. */
export type Principal = { kind: 'account'; id: string } | { kind: 'organization'; id: string; arn: string } | { kind: 'unsupported'; id: string; what: string };

export function parsePrincipal(value: string): Principal {
  if (isAccountPrincipal(value)) return { kind: 'account', id: value };
  const org = /^arn:aws[a-z-]*:organizations::\d{12}:organization\/(o-[a-z0-9]{10,32})$/.exec(value);
  if (org) return { kind: 'organization', id: org[1]!, arn: value };
  if (/^arn:aws[a-z-]*:organizations::\d{12}:ou\/o-[a-z0-9]{10,32}\/ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}$/.test(value)) {
    return { kind: 'unsupported', id: value, what: 'organizational unit' };
  }
  if (/^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/.test(value)) return { kind: 'unsupported', id: value, what: 'IAM role or user' };
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/.test(value)) return { kind: 'unsupported', id: value, what: 'service principal' };
  throw invalidParameter(`Principal ID ${value} is malformed. Verify the ID and try again.`);
}

/**
 * Runs `fn` once per client token: a retry with the same token and parameters does nothing
 * again and answers with what the first call made, as it is now (a share deleted since reads
 * DELETED, an association that has completed reads ASSOCIATED); the same token with other
 * parameters is refused. Without a token RAM generates one and returns it, as the model's
 * idempotency token says.
 */
export function idempotent(c: Ctx, fn: () => Record<string, unknown>): Record<string, unknown> {
  const token = c.input.clientToken as string | undefined;
  if (token === undefined) return { ...fn(), clientToken: randomUUID() };
  const { clientToken: _token, ...params } = c.input;
  const fingerprint = createHash('sha256').update(canonicalJson(params)).digest('hex');
  const key = `ram-client-token:${c.account}:${c.region}:${c.operation}:${token}`;
  const seen = c.store.get(key) as ClientTokenRecord | undefined;
  if (seen) {
    if (seen.fingerprint !== fingerprint) {
      throw ramError('IdempotentParameterMismatchException', `The client token ${token} was already used with different parameters. Use a new token for a different request.`);
    }
    return currentAnswer(c, seen.response as Record<string, unknown>);
  }
  const response = { ...fn(), clientToken: token };
  c.store.put({ key, kind: CLIENT_TOKEN, account: c.account, region: c.region, fingerprint, response: JSON.parse(JSON.stringify(response)) });
  return response;
}

/** A recorded answer with the share, associations and invitation it names read again now. */
function currentAnswer(c: Ctx, response: Record<string, unknown>): Record<string, unknown> {
  const out = { ...response };
  const share = response.resourceShare as { resourceShareArn?: string } | undefined;
  if (share?.resourceShareArn) {
    const current = getShare(c.store, share.resourceShareArn);
    if (current) out.resourceShare = shareView(current);
  }
  const associations = response.resourceShareAssociations as { resourceShareArn: string; associationType: 'PRINCIPAL' | 'RESOURCE'; associatedEntity: string }[] | undefined;
  if (associations) {
    out.resourceShareAssociations = associations.map((a) => {
      const current = c.store.get(associationKey(a.resourceShareArn, a.associationType, a.associatedEntity)) as AssociationRecord | undefined;
      return current ? associationView(c.store, current, c.now) : a;
    });
  }
  const invitation = response.resourceShareInvitation as { resourceShareInvitationArn?: string } | undefined;
  if (invitation?.resourceShareInvitationArn) {
    const current = c.store.get(invitation.resourceShareInvitationArn) as InvitationRecord | undefined;
    if (current) out.resourceShareInvitation = invitationView(c.store, current, c.now);
  }
  return out;
}

export function regionScopeMatches(filter: string | undefined): boolean {
  // Every type lattice-local shares is regional.
  return filter === undefined || filter === 'ALL' || filter === 'REGIONAL';
}

/** Other accounts' shares through which the caller has access (accepted, or automatic). */
export function sharesVisibleToConsumer(c: Ctx): ShareRecord[] {
  const out = new Map<string, ShareRecord>();
  const consider = (shareArn: string) => {
    if (out.has(shareArn)) return;
    const share = getShare(c.store, shareArn);
    if (share && share.region === c.region && share.account !== c.account && hasAccessThroughShare(c.store, share, c.account, c.now)) out.set(shareArn, share);
  };
  for (const association of c.store.byIndex(ASSOCIATION, 'entity', c.account) as AssociationRecord[]) consider(association.shareArn);
  const org = organizationOf(c.store);
  if (org && isMember(c.store, c.account)) {
    for (const association of c.store.byIndex(ASSOCIATION, 'entity', org.arn) as AssociationRecord[]) consider(association.shareArn);
  }
  return [...out.values()].sort((a, b) => a.seq - b.seq);
}
