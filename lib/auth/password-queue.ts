// A queue in front of password hashing. scrypt takes ~30 MiB and a libuv thread per check;
// without a cap, a handful of anonymous clients posting wrong passwords fill the thread pool
// and every other request (a signed-in user's page, a database read) waits behind them.
// At most `concurrency` checks run at once; up to `maxWaiting` more wait their turn, in order;
// beyond that a check is refused at once (the sign-in answers "busy, try again").

export class PasswordQueueFullError extends Error {
  constructor() {
    super('Too many sign-ins are being checked right now. Try again in a moment.');
    this.name = 'PasswordQueueFullError';
  }
}

export interface PasswordQueue {
  run<T>(work: () => Promise<T>): Promise<T>;
  /** Checks running now and waiting now (for tests and health). */
  stats(): { running: number; waiting: number };
}

export function createPasswordQueue({ concurrency, maxWaiting }: { concurrency: number; maxWaiting: number }): PasswordQueue {
  if (!(concurrency >= 1)) throw new Error('password queue: concurrency must be at least 1');
  let running = 0;
  const waiting: (() => void)[] = [];
  const next = () => {
    running--;
    const start = waiting.shift();
    if (start) {
      running++;
      start();
    }
  };
  return {
    async run<T>(work: () => Promise<T>): Promise<T> {
      if (running >= concurrency) {
        if (waiting.length >= maxWaiting) throw new PasswordQueueFullError();
        await new Promise<void>((resolve) => waiting.push(resolve));
      } else {
        running++;
      }
      try {
        return await work();
      } finally {
        next();
      }
    },
    stats: () => ({ running, waiting: waiting.length }),
  };
}

const holder = globalThis as typeof globalThis & { __trellisPasswordQueue?: PasswordQueue };

/** The process's queue (one per process, whichever Next.js bundle asks). */
export function passwordQueue(options: { concurrency: number; maxWaiting: number }): PasswordQueue {
  holder.__trellisPasswordQueue ??= createPasswordQueue(options);
  return holder.__trellisPasswordQueue;
}
