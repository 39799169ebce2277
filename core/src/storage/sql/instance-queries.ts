import { int } from "./row-reader.ts";
import type { SqlContext } from "./sql-executor.ts";

/** An instance unseen for a day is dropped from the table (it stopped counting long before). */
const FORGET_AFTER_MS = 24 * 3_600_000;

export async function recordInstanceAlive(ctx: SqlContext, id: string, withinMs: number): Promise<number> {
  const now = ctx.now();
  await ctx.exec.execute(
    `INSERT INTO server_instances (id, seen_at) VALUES ($1, $2)
     ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`,
    [id, now],
  );
  await ctx.exec.execute("DELETE FROM server_instances WHERE seen_at < $1", [now - FORGET_AFTER_MS]);
  return Math.max(1, await countLiveInstances(ctx, withinMs));
}

export async function countLiveInstances(ctx: SqlContext, withinMs: number): Promise<number> {
  const rows = await ctx.exec.query("SELECT COUNT(*) AS alive FROM server_instances WHERE seen_at >= $1", [
    ctx.now() - withinMs,
  ]);
  return rows[0] ? int(rows[0], "alive") : 0;
}

export async function forgetInstance(ctx: SqlContext, id: string): Promise<void> {
  await ctx.exec.execute("DELETE FROM server_instances WHERE id = $1", [id]);
}
