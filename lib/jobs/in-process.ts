// The queue of a console on the embedded database: one process is the only instance, so jobs
// run where they are sent, with the same handlers, throttling and exclusivity as the
// PostgreSQL queue. Nothing survives the process; what must (an apply) is resumed from the
// database at start-up and by the sweep.
import { JOB_POLICIES, type JobData, type JobHandler, type JobInfo, type JobName, type JobQueue, type SendOptions } from './queue';

interface Lane {
  handler?: (data: unknown, job: JobInfo) => Promise<void>;
  concurrency: number;
  running: number;
  waiting: { id: string; data: unknown; attempt: number }[];
}

export interface InProcessOptions {
  now?: () => number;
  /** Where a job that failed for good is reported. */
  onError?: (name: JobName, err: unknown) => void;
}

export function createInProcessQueue(options: InProcessOptions = {}): JobQueue & { idle(): Promise<void> } {
  const now = options.now ?? Date.now;
  const report = options.onError ?? ((name, err) => console.error(`trellis: job ${name} failed: ${err instanceof Error ? err.message : String(err)}`));
  const lanes = new Map<JobName, Lane>();
  const throttled = new Set<string>();
  const timers: NodeJS.Timeout[] = [];
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let sequence = 0;

  const lane = (name: JobName): Lane => {
    let l = lanes.get(name);
    if (!l) lanes.set(name, (l = { concurrency: 1, running: 0, waiting: [] }));
    return l;
  };

  const pump = (name: JobName) => {
    const l = lane(name);
    while (!stopped && l.handler && l.running < l.concurrency && l.waiting.length) {
      const job = l.waiting.shift()!;
      l.running++;
      const run = l
        .handler(job.data, { id: job.id })
        .catch((err) => {
          if (job.attempt < JOB_POLICIES[name].retries) l.waiting.push({ ...job, attempt: job.attempt + 1 });
          else report(name, err);
        })
        .finally(() => {
          l.running--;
          inFlight.delete(run);
          pump(name);
        });
      inFlight.add(run);
    }
  };

  const queue: JobQueue & { idle(): Promise<void> } = {
    kind: 'in-process',
    async send<N extends JobName>(name: N, data: JobData[N], send: SendOptions = {}) {
      if (stopped) return null;
      if (send.throttleSeconds) {
        const slot = `${name}|${send.key ?? ''}|${Math.floor(now() / (send.throttleSeconds * 1000))}`;
        if (throttled.has(slot)) return null;
        throttled.add(slot);
      }
      const l = lane(name);
      // Exclusive: one running and one waiting at most, as the PostgreSQL queue's policy.
      if (JOB_POLICIES[name].exclusive && l.waiting.length >= 1) return null;
      const id = `in-process-${++sequence}`;
      l.waiting.push({ id, data, attempt: 0 });
      queueMicrotask(() => pump(name));
      return id;
    },
    async work<N extends JobName>(name: N, handler: JobHandler<N>, { concurrency = 1 } = {}) {
      const l = lane(name);
      l.handler = handler as (data: unknown, job: JobInfo) => Promise<void>;
      // An exclusive job never runs twice at once, whatever the caller asks for.
      l.concurrency = JOB_POLICIES[name].exclusive ? 1 : Math.max(1, concurrency);
      pump(name);
    },
    every(name, data, seconds) {
      const timer = setInterval(() => void queue.send(name, data, { throttleSeconds: seconds, key: name }), Math.max(500, (seconds * 1000) / 2));
      timer.unref();
      timers.push(timer);
    },
    async cancel(name, id) {
      // A job running here cannot have lost its instance: only a waiting one is dropped.
      const l = lane(name);
      l.waiting = l.waiting.filter((job) => job.id !== id);
    },
    async stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      await Promise.allSettled([...inFlight]);
    },
    /** Resolves when no job is waiting or running (tests). */
    async idle() {
      while (inFlight.size || [...lanes.values()].some((l) => l.handler && l.waiting.length)) await Promise.allSettled([...inFlight]).then(() => new Promise((r) => setImmediate(r)));
    },
  };
  return queue;
}
