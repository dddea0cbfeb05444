// The job queue's interface, shared by the PostgreSQL queue (pg-boss: any console instance on
// the server picks a job up) and the in-process runner the embedded database uses (PGlite is
// single-connection, so one process is the only instance). The work itself is written once,
// as handlers, and runs the same under either.

/** The jobs Trellis runs, with their data. */
export interface JobData {
  /**
   * Applies (or resumes) a plan already moved to `applying`; `statusBefore` is where it goes
   * back to when the apply does not start (`applying` for a resumed one).
   */
  'plan-apply': { planId: string; actor: string; statusBefore: 'planned' | 'approved' | 'applying' };
  /** Looks for applies whose instance died (lease expired) and queues their resumption. */
  'plan-apply-sweep': Record<string, never>;
  /**
   * Discovers the estate again; `user` is who asked (`schedule` for the background refresh).
   * `refreshId`: the refresh a user asked for (lib/estate refresh-jobs.ts), whose progress its
   * followers read from the database.
   */
  'estate-refresh': { user: string; refreshId?: string };
}

export type JobName = keyof JobData;

/** What a handler knows of its job besides the data: its id in the queue. */
export interface JobInfo {
  id: string;
}

export type JobHandler<N extends JobName> = (data: JobData[N], job: JobInfo) => Promise<void>;

export interface SendOptions {
  /**
   * At most one job of this name per key and window of this many seconds, across every
   * instance (a periodic job that every instance asks for runs once per window).
   */
  throttleSeconds?: number;
  key?: string;
}

export interface JobQueue {
  readonly kind: 'postgresql' | 'in-process';
  /** Queues a job; null when a throttled or exclusive job of the same kind made it redundant. */
  send<N extends JobName>(name: N, data: JobData[N], options?: SendOptions): Promise<string | null>;
  /** Runs `handler` for jobs of `name` taken by this instance, `concurrency` at a time. */
  work<N extends JobName>(name: N, handler: JobHandler<N>, options?: { concurrency?: number }): Promise<void>;
  /** Asks for `name` every `seconds` from this instance; throttled so all instances together run it once per period. */
  every<N extends JobName>(name: N, data: JobData[N], seconds: number): void;
  /** Gives up job `id` (its instance died): it is not retried, and an exclusive job's slot is free again. */
  cancel(name: JobName, id: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * How each job behaves when instances die or several ask at once:
 * - `exclusive`: at most one running and one waiting across every instance (a refresh);
 * - `expireSeconds`: a job still running after this long is taken to be lost (its instance
 *   died) and retried, up to `retries` times.
 */
export interface JobPolicy {
  exclusive: boolean;
  expireSeconds: number;
  retries: number;
}

export const JOB_POLICIES: Record<JobName, JobPolicy> = {
  // An apply runs as long as its plan needs; the sweep resumes a dead instance's apply long
  // before this expiry, which only catches an apply lost before it took its lock.
  'plan-apply': { exclusive: false, expireSeconds: 6 * 3600, retries: 3 },
  'plan-apply-sweep': { exclusive: true, expireSeconds: 300, retries: 0 },
  'estate-refresh': { exclusive: true, expireSeconds: 3600, retries: 1 },
};
