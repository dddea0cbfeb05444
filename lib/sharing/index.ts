// lib/sharing: RAM shares and invitations across the configured accounts. This face is pure
// (safe for client components): the rules for what may be shared with whom, the request
// schemas, the overview and the invitation preview. The console's wiring (reads, answers,
// audit) is in ./server. Share edits as plan operations are lib/plan/sharing's.
export {
  SHAREABLE_TYPES,
  SHAREABLE_LABELS,
  MODEL_RULES,
  ACCOUNT_ID_RULE,
  PRINCIPAL_RULE,
  RESOURCE_RULE,
  INVITATION_STATUSES,
  RAM_PAGE_SIZE,
  checkResourceArn,
  checkPrincipal,
  shareBlocker,
  principalLabel,
  type ShareableKind,
  type ShareableType,
  type ResourceCheck,
  type Principal,
  type PrincipalCheck,
} from './rules';
export {
  shareRequestSchema,
  invitationAnswerSchema,
  shareArnSchema,
  checkedShare,
  checkShareAgainstEstate,
  INVITATION_ARN_RULE,
  SHARE_ARN_RULE,
  type ShareRequest,
  type ShareRequestInput,
  type CheckedShare,
  type ShareProblem,
  type InvitationAnswer,
} from './request';
export {
  buildSharingOverview,
  pendingInvitations,
  type AccountRef,
  type ResourceInfo,
  type ResourceLookup,
  type SharedResourceView,
  type SharePrincipalView,
  type PrincipalAccess,
  type OwnedShareView,
  type ReceivedShareView,
  type InvitationView,
  type SharingReadError,
  type SharingOverview,
} from './overview';
export { invitationPreview, contentsOf, type InvitationPreview, type PreviewBox, type PreviewEdge } from './preview';
export { sharingOverlay, accountGroupId, type SharingOverlay, type NodeOwnership, type InvitationEdge, type PendingInvitationRef, type ShareRef } from './overlay';
