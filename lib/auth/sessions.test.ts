import { describe, expect, it } from 'vitest';
import { judgeSession } from './sessions';

const policy = { idleSeconds: 30 * 60, maxAgeSeconds: 12 * 3600 };
const t0 = new Date('2026-02-01T09:00:00Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const session = (over: Partial<{ endedAt: Date | null; expiresAt: Date; lastSeenAt: Date }> = {}) => ({ endedAt: null, expiresAt: at(12 * 60), lastSeenAt: t0, ...over });
const user = { disabledAt: null };

describe('session rules', () => {
  it('keeps an active session until the idle timeout', () => {
    expect(judgeSession(session(), user, at(29), policy)).toEqual({ ok: true });
    expect(judgeSession(session(), user, at(30), policy)).toEqual({ ok: false, reason: 'idle' });
  });

  it('ends at the absolute lifetime however recent the activity', () => {
    expect(judgeSession(session({ lastSeenAt: at(12 * 60 - 1) }), user, at(12 * 60), policy)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses an ended session, a disabled user and an unknown session', () => {
    expect(judgeSession(session({ endedAt: at(1) }), user, at(2), policy)).toEqual({ ok: false, reason: 'ended' });
    expect(judgeSession(session(), { disabledAt: at(1) }, at(2), policy)).toEqual({ ok: false, reason: 'disabled' });
    expect(judgeSession(null, null, t0, policy)).toEqual({ ok: false, reason: 'unknown' });
  });
});
