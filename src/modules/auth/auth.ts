// Pure rules of authentication: secrets, their hashes, and the sign-in throttle.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 256 random bits: far beyond brute force, so a fast SHA-256 is a safe way to store them. */
export const newSecret = (prefix = '') => `${prefix}${randomBytes(32).toString('base64url')}`;

export const API_TOKEN_PREFIX = 'mrd_';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export interface ThrottleState {
  failures: number;
  windowStartedAt: string;
  lockedUntil: string | null;
}

export interface ThrottlePolicy {
  maxFailures: number;
  lockMinutes: number;
}

export function lockedFor(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0;
  const ms = new Date(state.lockedUntil).getTime() - now.getTime();
  return ms > 0 ? Math.ceil(ms / 1000) : 0;
}

/** The state after one more failed sign-in: failures count within a window as long as the lock. */
export function afterFailure(
  state: ThrottleState | undefined,
  policy: ThrottlePolicy,
  now: Date,
): ThrottleState {
  const windowMs = policy.lockMinutes * 60_000;
  const fresh = !state || now.getTime() - new Date(state.windowStartedAt).getTime() >= windowMs;
  const failures = fresh ? 1 : state.failures + 1;
  return {
    failures,
    windowStartedAt: fresh ? now.toISOString() : state.windowStartedAt,
    lockedUntil:
      failures >= policy.maxFailures
        ? new Date(now.getTime() + windowMs).toISOString()
        : (state?.lockedUntil ?? null),
  };
}

export function retryText(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes <= 1 ? 'in a minute' : `in ${minutes} minutes`;
}
