/** Retry timing: full-jitter exponential backoff, and Retry-After parsing. */

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
}

export const defaultBackoff = { baseMs: 250, capMs: 8_000 } as const;

/** Longest wait we accept from a Retry-After header; beyond it we would rather fail and let a job retry. */
export const maxRetryAfterMs = 60_000;

/**
 * Delay before retry number `retryIndex` (0 for the first retry): uniform in [0, min(cap, base·2^n)).
 * Full jitter ("Exponential Backoff And Jitter", AWS) spreads many clients that failed together.
 * `random` is injectable so tests can pin the value.
 */
export function backoffDelayMs(
  retryIndex: number,
  random: () => number = Math.random,
  { baseMs = defaultBackoff.baseMs, capMs = defaultBackoff.capMs }: BackoffOptions = {},
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/**
 * Reads `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3), capped at
 * `maxRetryAfterMs`. Returns undefined when absent or unreadable.
 */
export function parseRetryAfterMs(
  header: string | null | undefined,
  now: number = Date.now(),
): number | undefined {
  if (header == null) return undefined;
  const value = header.trim();
  if (value === "") return undefined;
  let ms: number;
  if (/^\d+(\.\d+)?$/.test(value)) {
    ms = Number(value) * 1000;
  } else {
    // An HTTP date always names its weekday and month; without this, Date.parse("-3") is a year.
    const date = /[a-z]/i.test(value) ? Date.parse(value) : Number.NaN;
    if (Number.isNaN(date)) return undefined;
    ms = date - now;
  }
  return Math.min(Math.max(0, Math.round(ms)), maxRetryAfterMs);
}
