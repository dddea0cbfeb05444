// Failures met while reading one account, folded per operation so a hundred denied
// GetAuthPolicy calls make one readable line, not a hundred.

import type { DiscoveryError } from '@/lib/topology';
import { describeAwsError, type AwsErrorInfo } from './errors';

export interface FailureLog {
  record(operation: string, err: unknown, subject?: string): AwsErrorInfo;
  /** Says what a recorded failure of `operation` means for the user, in place of "failed". */
  note(operation: string, text: string): void;
  count(): number;
  toErrors(account: string, region: string): DiscoveryError[];
}

export function createFailureLog(): FailureLog {
  const byOperation = new Map<string, { info: AwsErrorInfo; subjects: string[]; count: number; note?: string }>();
  let total = 0;
  return {
    record(operation, err, subject) {
      const info = describeAwsError(err);
      total += 1;
      const entry = byOperation.get(operation);
      if (entry) {
        entry.count += 1;
        if (subject && entry.subjects.length < 3) entry.subjects.push(subject);
      } else {
        byOperation.set(operation, { info, subjects: subject ? [subject] : [], count: 1 });
      }
      return info;
    },
    note(operation, text) {
      const entry = byOperation.get(operation);
      if (entry) entry.note = text;
    },
    count: () => total,
    toErrors(account, region) {
      return [...byOperation.entries()].map(([operation, { info, subjects, count, note }]) => {
        if (note) return { account, region, operation, code: info.code, message: `${note} (${operation}: ${info.message})` };
        const on = subjects.length ? ` (${count === 1 ? subjects[0] : `${count} resources, e.g. ${subjects.join(', ')}`})` : count > 1 ? ` (${count} calls)` : '';
        return { account, region, operation, code: info.code, message: `${operation} failed${on}: ${info.message}` };
      });
    },
  };
}

/**
 * Wraps one list read of an account: a failure is recorded in the log and in `failed`, and the
 * read answers an empty list, so the account's other lists still render.
 */
export function listGuard(log: FailureLog, failed: string[]) {
  return <T>(operation: string, read: () => Promise<T[]>): Promise<T[]> =>
    read().catch((err) => {
      log.record(operation, err);
      failed.push(operation);
      return [] as T[];
    });
}
