// lib/aws/sharing: the RAM calls behind Trellis's sharing pages and sharing plan operations.
// Reads (what an account owns, receives and is invited to) and writes (answer an invitation;
// create, associate, disassociate and delete shares), through the per-account clients.
export {
  readAccountSharing,
  readInvitation,
  readPendingInvitationResources,
  type AccountSharing,
  type RamShare,
  type RamAssociation,
  type RamResource,
  type RamInvitation,
  type RamReadError,
} from './read';
export {
  acceptInvitation,
  rejectInvitation,
  callRamWrite,
  readShareStatus,
  listShareableResourceTypes,
  ramWriters,
  RAM_WRITE_CALLS,
  type RamWriteCall,
  type RamWriteResult,
} from './write';
export { isRamOperation, callRamOperation, ramOperationStatus, type RamOperation } from './apply';
