import { describe, expect, it } from 'vitest';
import { afterFailure, lockedFor, newSecret, retryText } from './auth.js';

const policy = { maxFailures: 3, lockMinutes: 15 };
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 9, minutes));

describe('sign-in throttle', () => {
  it('locks after the allowed failures within the window, for the lock period', () => {
    let state = afterFailure(undefined, policy, at(0));
    state = afterFailure(state, policy, at(1));
    expect(lockedFor(state, at(1))).toBe(0);
    state = afterFailure(state, policy, at(2));
    expect(lockedFor(state, at(2))).toBe(15 * 60);
    expect(lockedFor(state, at(17))).toBe(0);
  });

  it('forgets failures older than the window', () => {
    let state = afterFailure(undefined, policy, at(0));
    state = afterFailure(state, policy, at(1));
    state = afterFailure(state, policy, at(20));
    expect(state.failures).toBe(1);
    expect(lockedFor(state, at(20))).toBe(0);
  });

  it('says when to retry in words', () => {
    expect(retryText(30)).toBe('in a minute');
    expect(retryText(14 * 60 + 1)).toBe('in 15 minutes');
  });

  it('makes secrets with 256 bits of randomness', () => {
    const secret = newSecret('mrd_');
    expect(secret).toMatch(/^mrd_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(newSecret());
  });
});
