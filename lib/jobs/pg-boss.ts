// The queue of consoles on PostgreSQL: pg-boss keeps the jobs in the server (its own schema,
// which it creates and migrates), so any instance takes a job up, a job whose instance died is
// retried by another once it expires, and a throttled job asked for by every instance runs once.
import PgBoss from 'pg-boss';
import { JOB_POLICIES, type JobData, type JobHandler, type JobName, type JobQueue, type SendOptions } from './queue';

export interface PgBossQueueOptions {
  url: string;
  /** Schema pg-boss keeps its tables in. */
  schema?: string;
  /** How often an idle worker asks for a job. */
  pollingSeconds?: number;
}

/** PostgreSQL's code for a transaction it aborted to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';

/**
 * Creates a queue unless it exists. Instances starting together on a new database can
 * deadlock in pg-boss's create_queue (each inserts the queue's row and creates its partition
 * table); PostgreSQL aborts one of them, which then finds the queue the other made.
 */
async function ensureQueue(boss: PgBoss, name: string, options: PgBoss.Queue): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    if (await boss.getQueue(name)) return;
    try {
      await boss.createQueue(name, options);
      return;
    } catch (err) {
      if ((err as { code?: string }).code !== DEADLOCK_DETECTED || attempt >= 5) throw err;
    }
  }
}

export async function createPgBossQueue(options: PgBossQueueOptions): Promise<JobQueue> {
  const boss = new PgBoss({
    connectionString: options.url,
    schema: options.schema ?? 'trellis_jobs',
    application_name: 'trellis-jobs',
    max: 4,
    // Expired jobs (their instance died) are found by this maintenance, on one instance at a time.
    maintenanceIntervalSeconds: 30,
    // Scheduling by cron is not used: `every` throttles instead, at a resolution of seconds.
    schedule: false,
  });
  boss.on('error', (err: Error) => console.error(`trellis: job queue: ${err.message}`));
  await boss.start();
  for (const [name, policy] of Object.entries(JOB_POLICIES)) {
    await ensureQueue(boss, name, { name, policy: policy.exclusive ? 'stately' : 'standard', expireInSeconds: policy.expireSeconds, retryLimit: policy.retries, retryDelay: 1 });
  }
  const timers: NodeJS.Timeout[] = [];
  const pollingIntervalSeconds = options.pollingSeconds ?? 2;

  const queue: JobQueue = {
    kind: 'postgresql',
    async send<N extends JobName>(name: N, data: JobData[N], send: SendOptions = {}) {
      if (send.throttleSeconds) return boss.sendThrottled(name, data, {}, send.throttleSeconds, send.key ?? name);
      return boss.send(name, data);
    },
    async work<N extends JobName>(name: N, handler: JobHandler<N>, { concurrency = 1 } = {}) {
      // One pg-boss worker runs one job at a time: `concurrency` workers run that many.
      for (let i = 0; i < Math.max(1, concurrency); i++) {
        await boss.work<JobData[N]>(name, { pollingIntervalSeconds, batchSize: 1 }, async (jobs) => {
          for (const job of jobs) await handler(job.data, { id: job.id });
        });
      }
    },
    every(name, data, seconds) {
      const ask = () => void queue.send(name, data, { throttleSeconds: seconds, key: name }).catch((err: Error) => console.error(`trellis: could not queue ${name}: ${err.message}`));
      const timer = setInterval(ask, Math.max(500, (seconds * 1000) / 2));
      timer.unref();
      timers.push(timer);
    },
    async cancel(name, id) {
      await boss.cancel(name, id);
    },
    async stop() {
      for (const t of timers) clearInterval(t);
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
  return queue;
}
