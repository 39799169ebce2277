const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When the payment watch asks Alma about an open link: 5 minutes after it is created, then after
 * 15 minutes, 1 hour, 1 hour (so a checkout's 120-minute payment is seen expired about 2 h 20 after
 * its creation), 6 hours, then once a day. Alma only promises a notification for an acceptance;
 * an expiry, a refusal after review or an abandoned checkout is only seen this way.
 */
export const CHECK_DELAYS_MS: readonly number[] = [5 * MINUTE, 15 * MINUTE, HOUR, HOUR, 6 * HOUR, DAY];

/** A link still open this long after its creation is no longer checked (an operator can force a check). */
export const MAX_WATCH_MS = 30 * DAY;

/** The first check of a link created at `createdAt`. */
export function firstCheckAt(createdAt: number): number {
  return createdAt + (CHECK_DELAYS_MS[0] ?? 0);
}

/**
 * The check after `attempts` checks made (the last one at `now`), or null once the link has been
 * watched for `MAX_WATCH_MS`.
 */
export function nextCheckAt(attempts: number, now: number, createdAt: number): number | null {
  const delay = CHECK_DELAYS_MS[Math.min(Math.max(attempts, 0), CHECK_DELAYS_MS.length - 1)] ?? DAY;
  const at = now + delay;
  return at - createdAt > MAX_WATCH_MS ? null : at;
}
