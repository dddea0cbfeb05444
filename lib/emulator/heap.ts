// A full garbage collection before serving. Seeding or loading a large estate leaves a heap of
// garbage (validation results, journal operations, views) and a young generation full of
// records on their way to the old one; left alone, the first major collection falls on the
// first requests and shows as their tail latency.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export function collectGarbageNow(): void {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed();
  // Node exposes the collector to a context created after the flag is set.
  setFlagsFromString('--expose-gc');
  try {
    (runInNewContext('gc') as () => void)();
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
}
