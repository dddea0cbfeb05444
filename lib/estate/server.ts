import 'server-only';
// lib/estate: the accounts Trellis reads (configuration with admins' audited edits over it),
// discovery runs and the snapshots they leave. A service over lib/aws (the adapter) and lib/db.
export { loadAccounts, saveAccountEdit, revertAccountEdit, type EffectiveAccount, type AccountsView } from './accounts';
export { refreshEstate, completeSnapshot, discoveryTargets, enabledAccounts, readStateOfSnapshot, REFRESH_AUDIT_ACTION, type RefreshResult, type RefreshOptions } from './snapshots';
export { resourceDetailsOf } from './details';
export { failedRefreshDetails, isFailedRead, type ReadState } from './read-state';
export { estateRefreshGate, currentSnapshot, hasSnapshot, latestTopology } from './refresh';
export { isRefreshFailed, RefreshFailedError, RefreshRateError } from './refresh-guard';
export { askEstateRefresh, estateRefreshUnderway, followEstateRefresh, waitForEstateRefreshes, runEstateRefreshJob, requeueWaitingRefresh, EstateRefreshError, RUNNER_STOPPED_MESSAGE, type RefreshAccount, type RefreshProgress, type RefreshFollowers, type RefreshJobDeps } from './refresh-jobs';
