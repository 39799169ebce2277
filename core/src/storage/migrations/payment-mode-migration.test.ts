import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { SecretBox } from "../../crypto/secret-box.ts";
import { PostgresStorage } from "../postgres-storage.ts";
import { SqliteStorage } from "../sqlite-storage.ts";
import type { Storage } from "../storage.ts";
import { dropSchema, randomSchemaName, TEST_DATABASE_URL } from "../test-support/postgres-harness.ts";
import type { Migration } from "./migration.ts";
import { postgresMigrations } from "./postgres-migrations.ts";
import { sqliteMigrations } from "./sqlite-migrations.ts";

const secretBox = new SecretBox(SecretBox.generateKey());

/**
 * Links as a database before version 7 holds them: a live shop whose platform kept its own test flag
 * in `custom` (which core does not read: that platform's plugin corrects its links in a migration of
 * its own), and a store in test.
 */
const BEFORE = [
  "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)",
  `INSERT INTO tenants (id, platform, external_id, name, alma_mode, settings, status, created_at, updated_at)
   VALUES ('ten_shop', 'testshop', 'shop.testshop.example', 'Shop', 'live', '{}', 'active', 1, 1),
          ('ten_woo', 'otherstore', 'https://store.example', 'Store', 'test', '{}', 'active', 1, 1)`,
  `INSERT INTO payment_links (id, tenant_id, platform_order_ref, alma_payment_id, amount_cents, currency, state,
     plan_key, custom, created_at, updated_at)
   VALUES ('pay_s1', 'ten_shop', 'sess-test', 'payment_s1', 100, 'EUR', 'pending', NULL,
           '{"testshopSession":{"test":true}}', 10, 20),
          ('pay_s2', 'ten_shop', 'sess-live', 'payment_s2', 100, 'EUR', 'paid', NULL,
           '{"testshopSession":{"test":false}}', 10, 20),
          ('pay_w1', 'ten_woo', '42', 'payment_w1', 100, 'EUR', 'authorized', NULL, '{}', 10, 30)`,
];

async function expectFilled(storage: Storage) {
  await storage.migrate();
  const shop = await storage.getPaymentLink("ten_shop", "pay_s1");
  expect(shop).toMatchObject({ almaMode: "live", nextCheckAt: 20, checkAttempts: 0 });
  expect(await storage.getPaymentLink("ten_shop", "pay_s2")).toMatchObject({
    almaMode: "live",
    nextCheckAt: null,
  });
  expect(await storage.getPaymentLink("ten_woo", "pay_w1")).toMatchObject({
    almaMode: "test",
    nextCheckAt: 30,
  });
}

const upTo6 = (migrations: readonly Migration[]) => migrations.filter((m) => m.version <= 6);

describe("migrations 7 and 8 on existing links", () => {
  it("SQLite: the tenant's mode, whatever a platform kept in `custom`; open links due at once", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "mode-migration-")), "db.sqlite");
    const db = new DatabaseSync(file);
    db.exec(BEFORE[0] ?? "");
    for (const m of upTo6(sqliteMigrations)) {
      db.exec(m.sql);
      db.prepare("INSERT INTO schema_migrations VALUES (?, ?, 0)").run(m.version, m.name);
    }
    for (const sql of BEFORE.slice(1)) db.exec(sql);
    db.close();
    const storage = new SqliteStorage({ path: file, secretBox });
    try {
      await expectFilled(storage);
    } finally {
      await storage.close();
    }
  });

  it("PostgreSQL: the same", async () => {
    const schema = randomSchemaName();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const storage = new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema, secretBox });
    try {
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`SET search_path TO "${schema}"`);
      await client.query(BEFORE[0] ?? "");
      for (const m of upTo6(postgresMigrations)) {
        await client.query(m.sql);
        await client.query("INSERT INTO schema_migrations VALUES ($1, $2, 0)", [m.version, m.name]);
      }
      for (const sql of BEFORE.slice(1)) await client.query(sql);
      await expectFilled(storage);
    } finally {
      await client.end();
      await storage.close();
      await dropSchema(schema);
    }
  });
});
