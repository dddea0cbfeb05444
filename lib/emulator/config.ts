// Run-time settings of one emulator: lifecycle delay, quotas, faults, denied roles.
import type { FaultConfig } from './faults';

export interface RuntimeConfig {
  /** How long creates stay *_IN_PROGRESS and deletes DELETE_IN_PROGRESS. */
  activationDelayMs: number;
  /** Quota values by Service Quotas code (L-…); the defaults are AWS's. */
  quotas: Record<string, number>;
  faults: FaultConfig;
  /** Role ARNs for which AssumeRole answers AccessDenied. */
  deniedRoles: Set<string>;
  /** Page size when a List call gives no maxResults. */
  defaultPageSize: number;
}
