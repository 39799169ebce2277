/**
 * Delays before each retry after a failed attempt: 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h (the
 * schedule Svix documents). Eight attempts in all, spread over about 27 hours.
 */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** ±10 %: enough to spread retries of a burst (an endpoint down for everyone) without blurring the schedule. */
export const RETRY_JITTER = 0.1;

/**
 * Delay before the next attempt once attempt number `failedAttempt` (1-based) failed, or null
 * when it was the last. `random` in [0, 1); 0.5 gives the exact schedule.
 */
export function retryDelayMs(failedAttempt: number, random: () => number): number | null {
  const base = RETRY_DELAYS_MS[failedAttempt - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + RETRY_JITTER * (2 * random() - 1)));
}
