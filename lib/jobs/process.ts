// The process's job queue: pg-boss on the console's PostgreSQL, or the in-process runner on
// the embedded database. One per process, on globalThis, since Next.js gives route handlers
// and instrumentation separate module instances.
import { getDatabaseConfig } from '@/lib/config';
import { createInProcessQueue } from './in-process';
import type { JobQueue } from './queue';

const holder = globalThis as typeof globalThis & { __trellisJobs?: Promise<JobQueue> };

export function jobQueue(): Promise<JobQueue> {
  if (!holder.__trellisJobs) {
    holder.__trellisJobs = (async () => {
      const { databaseUrl } = getDatabaseConfig();
      if (!databaseUrl) return createInProcessQueue();
      const { createPgBossQueue } = await import('./pg-boss');
      return createPgBossQueue({ url: databaseUrl, pollingSeconds: 1 });
    })();
    holder.__trellisJobs.catch(() => {
      holder.__trellisJobs = undefined; // the next use retries and reports the error again
    });
  }
  return holder.__trellisJobs;
}

export async function stopJobQueue(): Promise<void> {
  const open = holder.__trellisJobs;
  holder.__trellisJobs = undefined;
  if (open) await (await open).stop();
}
