// lib/aws: the only code that talks to AWS (or lattice-local, through the same SDK
// endpoints). Clients per account/region/service, readers, discovery, accounts.
export { discoverAccount, discoverEstate, callerIdentity, DEFAULT_ACCOUNT_CONCURRENCY, type AccountProgress, type AccountResult, type DiscoveryTarget, type EstateResult, type DiscoverEstateOptions, type DiscoverAccountOptions } from './discover';
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
  ACCOUNT_ID_RULE,
  ROLE_ARN_RULE,
  REGION_RULE,
  type AccountConfig,
  type ConfiguredAccounts,
  type AccountsSource,
} from './accounts-config';
export { minimumCalls, type MinimumCalls } from './minimum';
export { loadAccounts, testAccountConnection, saveAccountEdit, revertAccountEdit, accessOf, type EffectiveAccount, type AccountsView, type ConnectionTest } from './accounts';
export { refreshEstate, currentSnapshot, discoveryTargets, type RefreshResult, type RefreshOptions } from './estate';
export { estateRefreshGate } from './estate-refresh';
export { RefreshFailedError, RefreshRateError } from './refresh-guard';
