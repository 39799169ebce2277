/**
 * Rate-limit counters every server instance shares (PostgreSQL): fixed windows per key, so a
 * limit holds for the whole deployment instead of once per instance. Absent on SQLite, where
 * there is one instance and the counters stay in its memory.
 */
export interface RateWindows {
  /** Counts one hit in the key's live window (a new one of `windowMs` if it expired); the count after it. */
  increment(key: string, windowMs: number): Promise<{ totalHits: number; resetTime: Date }>;
  /** Takes back one hit from the key's live window, if any. */
  decrement(key: string): Promise<void>;
  /** Forgets the key's window. */
  reset(key: string): Promise<void>;
  /** Deletes windows that ended at least `graceMs` ago. */
  sweep(graceMs: number): Promise<number>;
}
