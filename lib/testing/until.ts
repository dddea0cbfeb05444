// Waiting for a state in tests that drive other processes: poll until it holds, bounded by
// the test's own timeout, never by a length of time of its own.

/**
 * Resolves with the first truthy answer of `probe`. `check` runs after each look that failed and throws
 * to stop waiting for a state that can no longer come (e.g. a process it depends on exited).
 */
export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, check?: (what: string) => void): Promise<T> {
  for (;;) {
    const value = await probe();
    if (value) return value;
    check?.(what);
    await new Promise((r) => setTimeout(r, 100));
  }
}
