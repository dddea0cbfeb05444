// A bounded pool: at most `size` tasks in flight, the rest queued in arrival order.
// Discovery keeps one per account, since AWS throttles per account.

export interface Pool {
  run<T>(task: () => Promise<T>): Promise<T>;
  readonly size: number;
  /** Tasks running now. */
  active(): number;
}

export function createPool(size: number): Pool {
  if (!Number.isInteger(size) || size < 1) throw new Error(`pool size must be a positive integer, got ${size}`);
  let running = 0;
  const queue: (() => void)[] = [];
  const next = () => {
    if (running >= size) return;
    const start = queue.shift();
    if (start) start();
  };
  return {
    size,
    active: () => running,
    run<T>(task: () => Promise<T>): Promise<T> {
      return new Promise<T>((resolve, reject) => {
        queue.push(() => {
          running += 1;
          task()
            .then(resolve, reject)
            .finally(() => {
              running -= 1;
              next();
            });
        });
        next();
      });
    },
  };
}

/** Runs `fn` over `items` with at most `concurrency` at once, keeping the results in order. */
export async function mapPooled<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const pool = createPool(Math.max(1, concurrency));
  return Promise.all(items.map((item, i) => pool.run(() => fn(item, i))));
}
