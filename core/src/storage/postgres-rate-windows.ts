import type { RateWindows } from "./rate-windows.ts";
import { int } from "./sql/row-reader.ts";
import type { SqlExecutor } from "./sql/sql-executor.ts";

/** The database's clock in milliseconds: every instance reads the same one, whatever its own says. */
const NOW_MS = "(extract(epoch FROM clock_timestamp()) * 1000)::bigint";

/**
 * Shared fixed windows in the `rate_limit_windows` table (UNLOGGED: counters need not survive a
 * database crash, and skipping the WAL keeps each count one cheap row update). One statement per
 * count, so concurrent instances never lose a hit: the row lock orders them.
 */
export class PostgresRateWindows implements RateWindows {
  readonly #exec: SqlExecutor;

  constructor(exec: SqlExecutor) {
    this.#exec = exec;
  }

  async increment(key: string, windowMs: number): Promise<{ totalHits: number; resetTime: Date }> {
    const [row] = await this.#exec.query(
      `INSERT INTO rate_limit_windows AS w (key, hits, reset_at) VALUES ($1, 1, ${NOW_MS} + $2)
       ON CONFLICT (key) DO UPDATE SET
         hits = CASE WHEN w.reset_at <= ${NOW_MS} THEN 1 ELSE w.hits + 1 END,
         reset_at = CASE WHEN w.reset_at <= ${NOW_MS} THEN ${NOW_MS} + $2 ELSE w.reset_at END
       RETURNING hits, reset_at`,
      [key, windowMs],
    );
    if (!row) throw new Error("rate window upsert returned no row");
    return { totalHits: int(row, "hits"), resetTime: new Date(int(row, "reset_at")) };
  }

  async decrement(key: string): Promise<void> {
    await this.#exec.execute(
      `UPDATE rate_limit_windows SET hits = hits - 1 WHERE key = $1 AND hits > 0 AND reset_at > ${NOW_MS}`,
      [key],
    );
  }

  async reset(key: string): Promise<void> {
    await this.#exec.execute("DELETE FROM rate_limit_windows WHERE key = $1", [key]);
  }

  async sweep(graceMs: number): Promise<number> {
    const rows = await this.#exec.query(
      `DELETE FROM rate_limit_windows WHERE reset_at <= ${NOW_MS} - $1 RETURNING 1 AS gone`,
      [graceMs],
    );
    return rows.length;
  }
}
