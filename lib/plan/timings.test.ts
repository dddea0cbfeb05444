import { describe, expect, it } from 'vitest';
import { durationMs, foldTimings, formatDuration } from './timings';

describe('operation timings', () => {
  it('start at the first start, end at the outcome, and run on while an operation waits', () => {
    const t = foldTimings({}, [
      { opId: '*', event: 'started', at: '2026-01-01T00:00:00.000Z' },
      { opId: 'op-001', event: 'started', at: '2026-01-01T00:00:01.000Z' },
      { opId: 'op-001', event: 'called', at: '2026-01-01T00:00:01.200Z' },
      { opId: 'op-002', event: 'started', at: '2026-01-01T00:00:01.500Z' },
      { opId: 'op-002', event: 'succeeded', at: '2026-01-01T00:00:01.900Z' },
    ]);
    expect(t['*']).toBeUndefined();
    expect(durationMs(t['op-002'], 0)).toBe(400);
    // Still waiting: measured against the clock it is given.
    expect(durationMs(t['op-001'], Date.parse('2026-01-01T00:00:04.000Z'))).toBe(3000);
    const done = foldTimings(t, [{ opId: 'op-001', event: 'succeeded', at: '2026-01-01T00:00:05.000Z' }]);
    expect(durationMs(done['op-001'], 0)).toBe(4000);
    expect(durationMs(undefined, 0)).toBeUndefined();
  });

  it('read as seconds, then minutes', () => {
    expect(formatDuration(400)).toBe('0.4 s');
    expect(formatDuration(12_400)).toBe('12 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
  });
});
