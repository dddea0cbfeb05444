import { describe, expect, it } from 'vitest';
import { addressKey, describeWait, secondsUntilAllowed, THROTTLE, throttleDelaySeconds, throttleRules, userAddressKey, userKey } from './throttle';

const t0 = new Date('2026-01-01T00:00:00Z');
const after = (s: number) => new Date(t0.getTime() + s * 1000);

describe('sign-in throttling', () => {
  it('lets the first failures through, then doubles the wait up to a cap', () => {
    expect([0, 1, 4].map((n) => throttleDelaySeconds(n, 5))).toEqual([0, 0, 0]);
    expect([5, 6, 7, 10].map((n) => throttleDelaySeconds(n, 5))).toEqual([1, 2, 4, 32]);
    expect(throttleDelaySeconds(40, 5)).toBe(THROTTLE.maxDelaySeconds);
    expect(throttleDelaySeconds(10_000, 5)).toBe(THROTTLE.maxDelaySeconds);
  });

  it('counts per (user, address) and per address, and per user only to slow down', () => {
    expect(throttleRules(' Bob ', '10.0.0.1').map((r) => [r.key, r.free, r.maxDelaySeconds])).toEqual([
      ['user:bob', THROTTLE.freePerUser, THROTTLE.maxUserDelaySeconds],
      ['user-address:bob|10.0.0.1', THROTTLE.freePerUserAddress, THROTTLE.maxDelaySeconds],
      ['address:10.0.0.1', THROTTLE.freePerAddress, THROTTLE.maxDelaySeconds],
    ]);
    expect(THROTTLE.maxUserDelaySeconds).toBeLessThanOrEqual(5);
  });

  it('waits from the last failure', () => {
    const counts = [{ key: userAddressKey('bob', '10.0.0.1'), failures: 7, lastFailureAt: t0 }];
    expect(secondsUntilAllowed(counts, t0)).toBe(4);
    expect(secondsUntilAllowed(counts, after(3.2))).toBe(1);
    expect(secondsUntilAllowed(counts, after(4))).toBe(0);
  });

  it('allows more failures per address than per (user, address), caps the per-user wait, and takes the longest wait', () => {
    expect(secondsUntilAllowed([{ key: addressKey('10.0.0.1'), failures: 19, lastFailureAt: t0 }], t0)).toBe(0);
    expect(secondsUntilAllowed([{ key: addressKey('10.0.0.1'), failures: 20, lastFailureAt: t0 }], t0)).toBe(1);
    expect(secondsUntilAllowed([{ key: userKey('bob'), failures: 500, lastFailureAt: t0 }], t0)).toBe(THROTTLE.maxUserDelaySeconds);
    expect(
      secondsUntilAllowed(
        [
          { key: userAddressKey('bob', '10.0.0.1'), failures: 6, lastFailureAt: t0 },
          { key: addressKey('10.0.0.1'), failures: 25, lastFailureAt: t0 },
        ],
        t0,
      ),
    ).toBe(32);
  });

  it('forgets failures after a quiet hour', () => {
    const counts = [{ key: userAddressKey('bob', '10.0.0.1'), failures: 30, lastFailureAt: t0 }];
    expect(secondsUntilAllowed(counts, after(THROTTLE.maxDelaySeconds - 1))).toBe(1);
    expect(secondsUntilAllowed(counts, after(THROTTLE.forgetAfterSeconds + 1))).toBe(0);
  });

  it('says how long to wait in words', () => {
    expect(describeWait(1)).toBe('1 second');
    expect(describeWait(45)).toBe('45 seconds');
    expect(describeWait(600)).toBe('10 minutes');
  });
});
