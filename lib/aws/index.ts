// lib/aws: the adapter, the only code that talks to AWS (or lattice-local, through the same SDK
// endpoints): clients per account/region/service, readers, discovery, writers, error
// description. No persistence: stored accounts, their audit and snapshots are lib/estate's.
export { discoverAccount, discoverEstate, callerIdentity, DEFAULT_ACCOUNT_CONCURRENCY, DEFAULT_PARALLEL_ACCOUNTS, type AccountProgress, type AccountResult, type DiscoveryTarget, type EstateResult, type DiscoverEstateOptions, type DiscoverAccountOptions } from './discover';
export { DISCOVERY_PROCESS_MIN_ACCOUNTS } from './limits';
export { discoverEstateOffLoop, readDeferredDetailsOffLoop, DiscoveryProcessError, type OffLoopEstateResult, type OffLoopDeferredResult, type OffLoopOptions } from './discovery-process';
export { readDeferredDetails, readResourceDetails, type DeferredResult, type ResourceDetails } from './deferred';
export { clientsFor, forgetClients, assumedRoleCredentials, DEFAULT_MAX_ATTEMPTS, type AccountAccess, type ClientOptions } from './clients';
export { describeAwsError, isAccessDenied, isNotFound, type AwsErrorInfo } from './errors';
export { emptyStats, addStats, type CallStats } from './calls';
export { createPool, mapPooled, type Pool } from './pool';
export {
  accountConfigSchema,
  accountsConfigSchema,
  readAccountsConfig,
  parseAccountsJson,
  demoAccounts,
  defaultRegion,
  accessOf,
  ACCOUNT_ID_RULE,
  ROLE_ARN_RULE,
  REGION_RULE,
  type AccountConfig,
  type ConfiguredAccounts,
  type AccountsSource,
} from './accounts-config';
export { minimumCalls, type MinimumCalls } from './minimum';
export { testAccountConnection, type ConnectionTest } from './connection';
export { readRequests, subscribedLogGroups, DEFAULT_WINDOW_MS, DEFAULT_LIMIT, type RequestsQuery } from './access-logs';
export { parseAccessLogEvent, accessRequestOf, requestCounts, type RequestRecord, type RequestRow, type RequestsResponse, type RequestsView, type LogGroupRef } from './access-log-records';
