import { randomBytes } from "node:crypto";
import { SecretBox } from "@alma-suite/core";
import {
  type Migration,
  PostgresStorage,
  postgresMigrations,
  SqliteStorage,
  type Storage,
  sqlExecutorOf,
  sqliteMigrations,
} from "@alma-suite/core/storage";
import { describe, expect, it } from "vitest";
import { shopifyMigrations } from "./shopify-migrations.ts";

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const secretBox = new SecretBox(SecretBox.generateKey());
const plugins = [{ plugin: "shopify", migrations: shopifyMigrations }];

/**
 * Links as a database before core's version 7 holds them: a live shop's test and live sessions,
 * another platform's link that happens to carry the same key, and a WooCommerce store in test.
 */
const BEFORE = [
  `INSERT INTO tenants (id, platform, external_id, name, alma_mode, settings, status, created_at, updated_at)
   VALUES ('ten_shop', 'shopify', 'shop.myshopify.com', 'Shop', 'live', '{}', 'active', 1, 1),
          ('ten_woo', 'woocommerce', 'https://woo.example', 'Woo', 'test', '{}', 'active', 1, 1)`,
  `INSERT INTO payment_links (id, tenant_id, platform_order_ref, alma_payment_id, amount_cents, currency, state,
     plan_key, custom, created_at, updated_at)
   VALUES ('pay_s1', 'ten_shop', 'sess-test', 'payment_s1', 100, 'EUR', 'pending', NULL,
           '{"shopifySession":{"test":true}}', 10, 20),
          ('pay_s2', 'ten_shop', 'sess-live', 'payment_s2', 100, 'EUR', 'paid', NULL,
           '{"shopifySession":{"test":false}}', 10, 20),
          ('pay_w1', 'ten_woo', '42', 'payment_w1', 100, 'EUR', 'authorized', NULL, '{}', 10, 30),
          ('pay_w2', 'ten_woo', '43', 'payment_w2', 100, 'EUR', 'paid', NULL,
           '{"shopifySession":{"test":false}}', 10, 30)`,
];

/** Core's steps up to 6 by hand (as the code of that time applied them), then the rows. */
async function databaseBefore7(storage: Storage, migrations: readonly Migration[], schema?: string) {
  const db = sqlExecutorOf(storage);
  if (schema) await db.execute(`CREATE SCHEMA "${schema}"`);
  await db.execute(
    "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
  );
  for (const m of migrations.filter((m) => m.version <= 6)) {
    // One statement at a time: the executor prepares each.
    for (const statement of m.sql.split(/;\s*\n/).filter((part) => part.trim())) await db.execute(statement);
    await db.execute(`INSERT INTO schema_migrations VALUES (${m.version}, '${m.name}', 0)`);
  }
  for (const sql of BEFORE) await db.execute(sql);
}

async function expectSessionModes(storage: Storage) {
  await storage.migrate({ plugins });
  // The session's own test flag, not the shop's mode at the time of the upgrade.
  expect(await storage.getPaymentLink("ten_shop", "pay_s1")).toMatchObject({
    almaMode: "test",
    nextCheckAt: 20,
  });
  expect(await storage.getPaymentLink("ten_shop", "pay_s2")).toMatchObject({ almaMode: "live" });
  // Other platforms' links keep their tenant's mode, whatever their `custom` holds.
  expect(await storage.getPaymentLink("ten_woo", "pay_w1")).toMatchObject({ almaMode: "test" });
  expect(await storage.getPaymentLink("ten_woo", "pay_w2")).toMatchObject({ almaMode: "test" });
  expect((await storage.migrate({ plugins })).applied).toEqual([]);
}

describe("the Shopify app's migration 1 on links older than core's version 7", () => {
  it("SQLite: each session's test flag", async () => {
    const storage = new SqliteStorage({ path: ":memory:", secretBox });
    try {
      await databaseBefore7(storage, sqliteMigrations);
      await expectSessionModes(storage);
    } finally {
      await storage.close();
    }
  });

  it("PostgreSQL: the same", async () => {
    const schema = `shopify_test_${randomBytes(6).toString("hex")}`;
    const storage = new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema, secretBox });
    try {
      await databaseBefore7(storage, postgresMigrations, schema);
      await expectSessionModes(storage);
    } finally {
      await sqlExecutorOf(storage).execute(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await storage.close();
    }
  });

  it("changes nothing on a database whose links were made since", async () => {
    const storage = new SqliteStorage({ path: ":memory:", secretBox });
    try {
      await storage.migrate();
      const { tenant } = await storage.createTenant({ platform: "shopify", externalId: "s", name: "S" });
      const { link } = await storage.createPaymentLink({
        tenantId: tenant.id,
        platformOrderRef: "gid",
        amountCents: 100,
        currency: "EUR",
        almaMode: "test",
        custom: { shopifySession: { test: true } },
      });
      await storage.migrate({ plugins });
      expect((await storage.getPaymentLink(tenant.id, link.id))?.almaMode).toBe("test");
    } finally {
      await storage.close();
    }
  });
});
