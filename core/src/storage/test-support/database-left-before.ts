import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import type { SecretBox } from "../../crypto/secret-box.ts";
import type { Migration } from "../migrations/migration.ts";
import { postgresMigrations } from "../migrations/postgres-migrations.ts";
import { sqliteMigrations } from "../migrations/sqlite-migrations.ts";
import { PostgresStorage } from "../postgres-storage.ts";
import { SqliteStorage } from "../sqlite-storage.ts";
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from "./postgres-harness.ts";

/**
 * A database as an older release left it, for a migration's test: `before[0]` makes the history
 * table, the migrations `applied` keeps run and are recorded in it, then the rest of `before`
 * fills the tables with what that release wrote.
 */
export interface DatabaseLeftBefore {
  before: readonly string[];
  applied: (migration: Migration) => boolean;
  secretBox: SecretBox;
  /** A migration as that release shipped it, where its text was edited since. */
  asReleased?: (migration: Migration) => Migration;
  /** Runs once the migrations are applied, before the rest of `before` (to probe the old schema). */
  afterMigrations?: (exec: (sql: string) => Promise<void>) => Promise<void>;
}

/** Runs `check` on a SQLite storage opened on such a database (`foreignKeys`: enforced while it is made). */
export async function withSqliteLeftBefore(
  left: DatabaseLeftBefore & { foreignKeys?: boolean },
  check: (storage: SqliteStorage) => Promise<void>,
): Promise<void> {
  const file = join(mkdtempSync(join(tmpdir(), "migration-test-")), "db.sqlite");
  const db = new DatabaseSync(file);
  if (left.foreignKeys) db.exec("PRAGMA foreign_keys = ON");
  db.exec(left.before[0] ?? "");
  for (const m of sqliteMigrations.filter(left.applied).map(left.asReleased ?? ((m) => m))) {
    db.exec(m.sql);
    db.prepare("INSERT INTO schema_migrations VALUES (?, ?, 0)").run(m.version, m.name);
  }
  await left.afterMigrations?.(async (sql) => {
    db.exec(sql);
  });
  for (const sql of left.before.slice(1)) db.exec(sql);
  db.close();
  const storage = new SqliteStorage({ path: file, secretBox: left.secretBox });
  try {
    await check(storage);
  } finally {
    await storage.close();
  }
}

/** Runs `check` on a PostgreSQL storage opened on such a database, in a schema of its own. */
export async function withPostgresLeftBefore(
  left: DatabaseLeftBefore,
  check: (storage: PostgresStorage) => Promise<void>,
): Promise<void> {
  const schema = randomSchemaName();
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  const storage = new PostgresStorage({
    connectionString: TEST_DATABASE_URL,
    schema,
    secretBox: left.secretBox,
  });
  try {
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.query(`SET search_path TO "${schema}"`);
    await client.query(left.before[0] ?? "");
    for (const m of postgresMigrations.filter(left.applied).map(left.asReleased ?? ((m) => m))) {
      await client.query(m.sql);
      await client.query("INSERT INTO schema_migrations VALUES ($1, $2, 0)", [m.version, m.name]);
    }
    await left.afterMigrations?.(async (sql) => {
      await client.query(sql);
    });
    for (const sql of left.before.slice(1)) await client.query(sql);
    await check(storage);
  } finally {
    await client.end();
    await storage.close();
    await dropSchema(schema);
  }
}
