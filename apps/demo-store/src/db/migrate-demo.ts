import { type SqlDialect, type Storage, sqlExecutorOf } from "@alma-suite/core/storage";

interface DemoMigration {
  version: number;
  name: string;
  statements(dialect: SqlDialect): string[];
}

/** Never edit an applied step: append a new version. Epoch ms and cents are BIGINT on PostgreSQL. */
const MIGRATIONS: readonly DemoMigration[] = [
  {
    version: 1,
    name: "demo orders and setup state",
    statements(dialect) {
      const big = dialect === "postgres" ? "BIGINT" : "INTEGER";
      return [
        `CREATE TABLE demo_orders (
          id TEXT PRIMARY KEY,
          number TEXT NOT NULL UNIQUE,
          session_id TEXT NOT NULL,
          items TEXT NOT NULL,
          amount_cents ${big} NOT NULL,
          refunded_cents ${big} NOT NULL,
          plan TEXT,
          status TEXT NOT NULL,
          payment_id TEXT,
          created_at ${big} NOT NULL,
          updated_at ${big} NOT NULL
        )`,
        "CREATE INDEX demo_orders_by_session ON demo_orders (session_id, created_at)",
        "CREATE INDEX demo_orders_by_payment ON demo_orders (payment_id)",
        `CREATE TABLE demo_setup (
          id TEXT PRIMARY KEY,
          agency_id TEXT,
          tenant_id TEXT,
          endpoint_id TEXT,
          endpoint_url TEXT,
          updated_at ${big} NOT NULL
        )`,
      ];
    },
  },
  {
    version: 2,
    name: "demo order schedule",
    // The order page shows the instalments the shopper chose (due dates and amounts), as JSON.
    statements: () => ["ALTER TABLE demo_orders ADD COLUMN schedule TEXT"],
  },
];

/**
 * The demo store's own tables (`demo_*`), versioned in `demo_schema_migrations` beside core's and
 * the bridge's, on SQLite or PostgreSQL alike. One transaction, so a failed step leaves nothing.
 */
export async function migrateDemo(storage: Storage, now: number): Promise<string[]> {
  return storage.transaction(async (tx) => {
    const db = sqlExecutorOf(tx);
    const big = db.dialect === "postgres" ? "BIGINT" : "INTEGER";
    await db.execute(
      `CREATE TABLE IF NOT EXISTS demo_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ${big} NOT NULL)`,
    );
    const done = new Set(
      (await db.query("SELECT version FROM demo_schema_migrations")).map((r) => Number(r.version)),
    );
    const applied: string[] = [];
    for (const migration of MIGRATIONS) {
      if (done.has(migration.version)) continue;
      for (const statement of migration.statements(db.dialect)) await db.execute(statement);
      await db.execute("INSERT INTO demo_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)", [
        migration.version,
        migration.name,
        now,
      ]);
      applied.push(migration.name);
    }
    return applied;
  });
}
