import type { Storage } from "@alma-suite/core/storage";
import { sqlExecutorOf } from "@alma-suite/core/storage";

/**
 * The number of rows in every table of the database (core's, the jobs', the plugins' own
 * `bridge_*`…), listed from the catalogue so a table added later is counted without editing
 * this file. Two equal snapshots around a hostile request mean nothing was written.
 */
export async function rowCounts(storage: Storage): Promise<Record<string, number>> {
  const db = sqlExecutorOf(storage);
  const tables =
    db.dialect === "sqlite"
      ? await db.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
      : await db.query(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema()",
        );
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await db.query(`SELECT COUNT(*) AS n FROM "${String(name)}"`);
    counts[String(name)] = Number(row?.n ?? 0);
  }
  return counts;
}
