import { describe, expect, it } from "vitest";
import { SecretBox } from "../../crypto/secret-box.ts";
import { sqlExecutorOf } from "../sql-access.ts";
import type { Storage } from "../storage.ts";
import { withPostgresLeftBefore, withSqliteLeftBefore } from "../test-support/database-left-before.ts";
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
const released = (m: Migration): Migration =>
  m.version === 1 ? { ...m, sql: m.sql.replace("platform TEXT NOT NULL,", RELEASED_PLATFORM_COLUMN) } : m;
const left = (v1: "released" | "edited") => ({
  before: BEFORE,
  applied: (m: Migration) => m.version !== 9,
  secretBox,
  ...(v1 === "released" ? { asReleased: released } : {}),
});

const FOURTH_TENANT = `INSERT INTO tenants (id, platform, external_id, name, alma_mode, settings, status, created_at, updated_at)
   VALUES ('ten_early', 'fourth', 'e', 'E', 'live', '{}', 'active', 1, 1)`;

it("migration 1 no longer names a platform, and the released text is what these tests rebuild", () => {
  for (const migrations of [sqliteMigrations, postgresMigrations]) {
    const v1 = migrations.find((m) => m.version === 1)?.sql ?? "";
    expect(v1).toContain("  platform TEXT NOT NULL,\n");
    expect(migrations.map(released)[0]?.sql).toContain(RELEASED_PLATFORM_COLUMN);
  }
});

describe.each([
  ["released", "the platform list in a CHECK"],
  ["edited", "no platform list"],
] as const)("migration 9 on a database made by the previous code, migration 1 %s (%s)", (v1, _kind) => {
  it("SQLite: rebuilds tenants without the platform list, keeping every row and secret", async () => {
    await withSqliteLeftBefore(
      {
        ...left(v1),
        foreignKeys: true,
        // The released migration 1 refused a platform it did not list; the edited one never did.
        afterMigrations: async (exec) => {
          if (v1 === "released") await expect(exec(FOURTH_TENANT)).rejects.toThrow(/CHECK constraint/);
          else await exec(`${FOURTH_TENANT}; DELETE FROM tenants WHERE id = 'ten_early'`);
        },
      },
      async (storage) => {
        await expectUpgraded(storage);
        const check = await sqlExecutorOf(storage).query("PRAGMA foreign_key_check");
        expect(check).toEqual([]);
      },
    );
  });

  it("PostgreSQL: drops the CHECK by its name, keeping every row", async () => {
    await withPostgresLeftBefore(
      {
        ...left(v1),
        afterMigrations: async (exec) => {
          if (v1 === "released") await expect(exec(FOURTH_TENANT)).rejects.toThrow(/tenants_platform_check/);
          else await exec(`${FOURTH_TENANT}; DELETE FROM tenants WHERE id = 'ten_early'`);
        },
      },
      expectUpgraded,
    );
  });
});
