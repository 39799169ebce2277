/** Money crossing into storage must already be integer cents; anything else is a caller bug. */
export function assertCents(value: number, what: string, minimum: number): void {
  if (!Number.isSafeInteger(value) || value < minimum) {
    throw new RangeError(`${what} must be an integer number of cents >= ${minimum}, got ${value}`);
  }
}

/** Caps list queries so an admin page cannot ask for a whole table. */
export function clampLimit(limit: number | undefined, fallback = 100, maximum = 1000): number {
  if (limit === undefined) return fallback;
  return Math.max(1, Math.min(maximum, Math.trunc(limit)));
}
