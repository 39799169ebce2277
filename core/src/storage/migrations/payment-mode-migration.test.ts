import { describe, expect, it } from "vitest";
import { SecretBox } from "../../crypto/secret-box.ts";
import type { Storage } from "../storage.ts";
import { withPostgresLeftBefore, withSqliteLeftBefore } from "../test-support/database-left-before.ts";
import type { Migration } from "./migration.ts";

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

const left = { before: BEFORE, applied: (m: Migration) => m.version <= 6, secretBox };

describe("migrations 7 and 8 on existing links", () => {
  it("SQLite: the tenant's mode, whatever a platform kept in `custom`; open links due at once", async () => {
    await withSqliteLeftBefore(left, expectFilled);
  });

  it("PostgreSQL: the same", async () => {
    await withPostgresLeftBefore(left, expectFilled);
  });
});
