import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { SecretBox } from "../../crypto/secret-box.ts";
import { PostgresStorage } from "../postgres-storage.ts";
import { sqlExecutorOf } from "../sql-access.ts";
import { SqliteStorage } from "../sqlite-storage.ts";
import type { Storage } from "../storage.ts";
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from "../test-support/postgres-harness.ts";
import type { Migration, PluginMigrations } from "./migration.ts";
import { postgresMigrations } from "./postgres-migrations.ts";
import { sqliteMigrations } from "./sqlite-migrations.ts";

const secretBox = new SecretBox(SecretBox.generateKey());

/** A plugin that kept its own history table before plugins shared core's runner. */
const legacyPlugin: PluginMigrations = {
  plugin: "legacy",
  adoptsHistoryFrom: "legacy_schema_migrations",
  migrations: [
    { version: 1, name: "things", statements: () => ["CREATE TABLE legacy_things (id TEXT PRIMARY KEY)"] },
    { version: 2, name: "more things", statements: () => ["CREATE TABLE legacy_more (id TEXT PRIMARY KEY)"] },
  ],
};

/** What the code before version 9 left: tenants of the three platforms it knew, and a plugin's history. */
const BEFORE = [
  "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
  `INSERT INTO tenants (id, platform, external_id, name, alma_mode, settings, status, created_at, updated_at)
   VALUES ('ten_a', 'shopify', 'a.example', 'A', 'live', '{"k":1}', 'active', 1, 2),
          ('ten_b', 'bridge', 'b', 'B', 'test', '{}', 'uninstalled', 3, 4)`,
  `INSERT INTO tenant_secrets (tenant_id, name, sealed, created_at, updated_at) VALUES ('ten_a', 'token', 'sealed-a', 1, 1)`,
  `INSERT INTO payment_links (id, tenant_id, platform_order_ref, alma_payment_id, amount_cents, currency, state,
     plan_key, custom, alma_mode, created_at, updated_at)
   VALUES ('pay_1', 'ten_a', 'o1', 'payment_1', 100, 'EUR', 'paid', NULL, '{}', 'live', 10, 20)`,
  "CREATE TABLE legacy_schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
  "CREATE TABLE legacy_things (id TEXT PRIMARY KEY)",
  "INSERT INTO legacy_schema_migrations VALUES (1, 'things', 77)",
];

async function expectUpgraded(storage: Storage) {
  const report = await storage.migrate({ plugins: [legacyPlugin] });
  expect(report.applied).toEqual([
    { version: 9, name: sqliteMigrations.find((m) => m.version === 9)?.name },
    { version: 2, name: "more things", plugin: "legacy" },
  ]);
  expect(await storage.getTenant("ten_a")).toMatchObject({
    platform: "shopify",
    externalId: "a.example",
    settings: { k: 1 },
    status: "active",
  });
  expect(await storage.getTenant("ten_b")).toMatchObject({ platform: "bridge", status: "uninstalled" });
  const db = sqlExecutorOf(storage);
  // The secrets the tenants table's rebuild would have cascaded away are all there.
  expect(await db.query("SELECT tenant_id, sealed FROM tenant_secrets")).toEqual([
    { tenant_id: "ten_a", sealed: "sealed-a" },
  ]);
  expect((await storage.getPaymentLink("ten_a", "pay_1"))?.amountCents).toBe(100);
  // Any plugin's name is a platform now; links still need a real tenant.
  const { tenant } = await storage.createTenant({ platform: "fourth", externalId: "x", name: "X" });
  expect((await storage.getTenant(tenant.id))?.platform).toBe("fourth");
  await expect(
    db.execute(
      `INSERT INTO payment_links (id, tenant_id, platform_order_ref, amount_cents, currency, state, custom, alma_mode, created_at, updated_at)
       VALUES ('pay_x', 'ten_nobody', 'o', 1, 'EUR', 'pending', '{}', 'live', 1, 1)`,
    ),
  ).rejects.toThrow(/foreign key/i);
  // The plugin's former history was taken over, its table dropped, and only the new step ran.
  expect(
    await db.query("SELECT plugin, version, applied_at FROM plugin_migrations ORDER BY version"),
  ).toEqual([
    { plugin: "legacy", version: 1, applied_at: 77 },
    { plugin: "legacy", version: 2, applied_at: expect.any(Number) },
  ]);
  await expect(db.query("SELECT * FROM legacy_schema_migrations")).rejects.toThrow();
  expect((await storage.migrate({ plugins: [legacyPlugin] })).applied).toEqual([]);
}

/**
 * Migration 1 as first released listed the platforms of that time; it was edited since (core names
 * no platform), so databases exist with that CHECK and without it. Both must reach version 9.
 */
const RELEASED_PLATFORM_COLUMN =
  "platform TEXT NOT NULL CHECK (platform IN ('shopify', 'woocommerce', 'bridge')),";

const before9 = (migrations: readonly Migration[], v1: "released" | "edited") =>
  migrations
    .filter((m) => m.version !== 9)
    .map((m) =>
      m.version === 1 && v1 === "released"
        ? { ...m, sql: m.sql.replace("platform TEXT NOT NULL,", RELEASED_PLATFORM_COLUMN) }
        : m,
    );

const FOURTH_TENANT = `INSERT INTO tenants (id, platform, external_id, name, alma_mode, settings, status, created_at, updated_at)
   VALUES ('ten_early', 'fourth', 'e', 'E', 'live', '{}', 'active', 1, 1)`;

it("migration 1 no longer names a platform, and the released text is what these tests rebuild", () => {
  for (const migrations of [sqliteMigrations, postgresMigrations]) {
    const v1 = migrations.find((m) => m.version === 1)?.sql ?? "";
    expect(v1).toContain("  platform TEXT NOT NULL,\n");
    expect(before9(migrations, "released")[0]?.sql).toContain(RELEASED_PLATFORM_COLUMN);
  }
});

describe.each([
  ["released", "the platform list in a CHECK"],
  ["edited", "no platform list"],
] as const)("migration 9 on a database made by the previous code, migration 1 %s (%s)", (v1, _kind) => {
  it("SQLite: rebuilds tenants without the platform list, keeping every row and secret", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "registry-migration-")), "db.sqlite");
    const db = new DatabaseSync(file);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec(BEFORE[0] ?? "");
    for (const m of before9(sqliteMigrations, v1)) {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, 0)").run(m.version, m.name);
    }
    for (const sql of BEFORE.slice(1)) db.exec(sql);
    // The released migration 1 refused a platform it did not list; the edited one never did.
    if (v1 === "released") expect(() => db.exec(FOURTH_TENANT)).toThrow(/CHECK constraint/);
    else
      db.exec(`${FOURTH_TENANT.replace("ten_early", "ten_none")}; DELETE FROM tenants WHERE id = 'ten_none'`);
    db.close();
    const storage = new SqliteStorage({ path: file, secretBox });
    try {
      await expectUpgraded(storage);
      const check = await sqlExecutorOf(storage).query("PRAGMA foreign_key_check");
      expect(check).toEqual([]);
    } finally {
      await storage.close();
    }
  });

  it("PostgreSQL: drops the CHECK by its name, keeping every row", async () => {
    const schema = randomSchemaName();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const storage = new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema, secretBox });
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`SET search_path TO "${schema}"`);
      await client.query(BEFORE[0] ?? "");
      for (const m of before9(postgresMigrations, v1)) {
        await client.query(m.sql);
        await client.query("INSERT INTO schema_migrations VALUES ($1, $2, 0)", [m.version, m.name]);
      }
      for (const sql of BEFORE.slice(1)) await client.query(sql);
      if (v1 === "released")
        await expect(client.query(FOURTH_TENANT)).rejects.toThrow(/tenants_platform_check/);
      else await client.query(`${FOURTH_TENANT}; DELETE FROM tenants WHERE id = 'ten_early'`);
      await expectUpgraded(storage);
    } finally {
      await client.end();
      await storage.close();
      await dropSchema(schema);
    }
  });
});
