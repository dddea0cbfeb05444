// How much discovery asks of AWS (and of the console) at once.

/** Calls in flight per account: AWS throttles per account and operation. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 8;

/**
 * (account, region) cells read at once. Each has its own pool, so this bounds the calls in
 * flight from the console (32 × 8): hundreds of accounts at once would hold thousands of
 * sockets and responses, and every account would finish late instead of the first ones early.
 */
export const DEFAULT_PARALLEL_ACCOUNTS = 32;
