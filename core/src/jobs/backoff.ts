/** Delay before retry number `attempts` (1 = after the first failure). */
export type Backoff = (attempts: number) => number;

/**
 * Exponential backoff with "equal jitter": half the exponential delay is kept so retries still spread
 * out over time, half is random so a burst of failures (Alma briefly down) does not retry in lockstep.
 */
export function exponentialBackoff(
  options: { baseMs?: number; maxMs?: number; random?: () => number } = {},
): Backoff {
  const baseMs = options.baseMs ?? 1000;
  const maxMs = options.maxMs ?? 15 * 60_000;
  const random = options.random ?? Math.random;
  return (attempts) => {
    const exponential = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
    return Math.round(exponential / 2 + random() * (exponential / 2));
  };
}
