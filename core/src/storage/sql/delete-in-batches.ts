import type { SqlContext } from "./sql-executor.ts";

/** Rows deleted per statement, so a large backlog never holds the database for long. */
const PURGE_BATCH = 5_000;

/**
 * Runs `sql` (a DELETE taking the cutoff as `$1` and the batch size as `$2`) until a batch comes
 * back short; returns how many rows went in all.
 */
export async function deleteInBatches(ctx: SqlContext, sql: string, before: number): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await ctx.exec.execute(sql, [Math.trunc(before), PURGE_BATCH]);
    total += deleted;
    if (deleted < PURGE_BATCH) return total;
  }
}
