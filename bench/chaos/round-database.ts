import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";

/** Read access to a round's database for counting, and the few writes that stand in for time passing. */
export interface RoundDatabase {
  /** What the server gets as DATABASE_URL; undefined on SQLite (DATA_DIR decides). */
  url: string | undefined;
  rows(sql: string): Promise<Record<string, unknown>[]>;
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export const DEFAULT_PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** The SQLite file the server keeps in its data folder (read while the server runs: WAL allows it). */
export function sqliteRoundDatabase(dataDir: string): RoundDatabase {
  let db: DatabaseSync | undefined;
  const open = () => {
    db ??= new DatabaseSync(join(dataDir, "alma-suite.db"), { timeout: 5000 });
    return db;
  };
  return {
    url: undefined,
    rows: async (sql) => open().prepare(sql).all() as Record<string, unknown>[],
    exec: async (sql) => void open().exec(sql),
    close: async () => db?.close(),
  };
}

/** A fresh database on the PostgreSQL cluster, dropped (connections and all) at the end of the round. */
export async function postgresRoundDatabase(adminUrl: string): Promise<RoundDatabase> {
  const name = `chaos_${randomBytes(5).toString("hex")}`;
  await withClient(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  pool.on("error", () => {});
  return {
    url: url.toString(),
    rows: async (sql) => (await pool.query(sql)).rows,
    exec: async (sql) => void (await pool.query(sql)),
    async close() {
      await pool.end();
      await withClient(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
