// How much discovery asks of AWS (and of the console) at once.

/** Calls in flight per account: AWS throttles per account and operation. */
export const DEFAULT_ACCOUNT_CONCURRENCY = 8;

/**
 * (account, region) cells read at once. Each has its own pool, so this bounds the calls in
 * flight from the console (32 × 8): hundreds of accounts at once would hold thousands of
 * sockets and responses, and every account would finish late instead of the first ones early.
 */
export const DEFAULT_PARALLEL_ACCOUNTS = 32;

/**
 * Estates of at least this many accounts are discovered in a process of their own
 * (discovery-process.ts), off the console's event loop. Starting that process costs about
 * 1.5 s of start-up (more on a busy machine), which is about as long as a few accounts take
 * to read in the console itself: below this, discovery stays in-process, where it holds the
 * loop only briefly and a refresh after an apply lands as quickly as before.
 */
export const DISCOVERY_PROCESS_MIN_ACCOUNTS = 8;
