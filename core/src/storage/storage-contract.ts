import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { SecretBox } from "../crypto/secret-box.ts";
import { dashboardQueryContract } from "./test-support/dashboard-query-contract.ts";
import { outboxRedactionContract } from "./test-support/outbox-redaction-contract.ts";
import { paymentContract } from "./test-support/payment-contract.ts";
import { paymentWatchContract } from "./test-support/payment-watch-contract.ts";
import type { StorageHarness, StorageHarnessFactory } from "./test-support/storage-harness.ts";
import { transactionContract } from "./test-support/transaction-contract.ts";

/**
 * The one battery every storage backend must pass (in the spirit of shared session-storage test suites):
 * a backend is correct when this file says so, whatever SQL it speaks.
 */
export function storageContract(name: string, createHarness: StorageHarnessFactory): void {
  describe(`${name} storage contract`, () => {
    let harness: StorageHarness;
    beforeEach(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await harness.cleanup();
    });
    const h = () => harness;

    it("migrates a fresh database and a re-run applies nothing", async () => {
      const versions = h().firstMigration.applied.map((m) => m.version);
      expect(versions.slice(0, 3)).toEqual([1, 2, 3]);
      const again = await h().storage.migrate();
      expect(again).toEqual({ applied: [], currentVersion: versions.at(-1) });
      const rows = await h().raw("SELECT version FROM schema_migrations ORDER BY version");
      expect(rows.map((row) => Number(row.version))).toEqual(versions);
      await h().storage.health();
    });

    it("counts the server instances seen lately, once each, and forgets one that stops", async () => {
      let now = 1_800_000_000_000;
      const timed = await createHarness({ clock: () => now });
      try {
        const { storage } = timed;
        expect(await storage.recordInstanceAlive("a", 30_000)).toBe(1);
        expect(await storage.recordInstanceAlive("b", 30_000)).toBe(2);
        expect(await storage.recordInstanceAlive("a", 30_000)).toBe(2);
        now += 20_000;
        expect(await storage.recordInstanceAlive("a", 30_000)).toBe(2);
        now += 15_000;
        // b has been silent for 35 s: it no longer counts.
        expect(await storage.recordInstanceAlive("a", 30_000)).toBe(1);
        expect(await storage.recordInstanceAlive("b", 30_000)).toBe(2);
        await storage.forgetInstance("b");
        expect(await storage.recordInstanceAlive("a", 30_000)).toBe(1);
        // Counting does not record the one who asks (a CLI checking that no server runs).
        expect(await storage.countLiveInstances(30_000)).toBe(1);
        now += 31_000;
        expect(await storage.countLiveInstances(30_000)).toBe(0);
      } finally {
        await timed.cleanup();
      }
    });

    it("does not find ids that could not be ours (a NUL byte, a huge string) instead of failing", async () => {
      const { storage } = h();
      expect(await storage.getTenant("ten_\u0000abc")).toBeNull();
      expect(await storage.getTenant("x".repeat(10_000))).toBeNull();
      expect(await storage.getPaymentLink("ten_abc", "pay_\u0000")).toBeNull();
      expect(await storage.getRefund("ten_\u0000", "ref_abc")).toBeNull();
    });

    it("creates tenants once per (platform, external id) and updates them", async () => {
      const { storage } = h();
      const first = await storage.createTenant({
        platform: "testshop",
        externalId: "a.testshop.example",
        name: "A",
      });
      expect(first.created).toBe(true);
      expect(first.tenant).toMatchObject({
        platform: "testshop",
        almaMode: "test",
        status: "active",
        settings: {},
      });
      expect(first.tenant.id).toMatch(/^ten_/);
      const again = await storage.createTenant({
        platform: "testshop",
        externalId: "a.testshop.example",
        name: "A2",
      });
      expect(again).toEqual({ tenant: first.tenant, created: false });
      const other = await storage.createTenant({
        platform: "otherstore",
        externalId: "a.testshop.example",
        name: "W",
      });
      expect(other.created).toBe(true);

      expect(await storage.getTenant(first.tenant.id)).toEqual(first.tenant);
      expect(await storage.findTenantByExternalId("otherstore", "a.testshop.example")).toEqual(other.tenant);
      expect(await storage.findTenantByExternalId("testagency", "a.testshop.example")).toBeNull();
      expect((await storage.listTenants({ platform: "testshop" })).map((t) => t.id)).toEqual([
        first.tenant.id,
      ]);
      expect(await storage.listTenants()).toHaveLength(2);

      const updated = await storage.updateTenant(first.tenant.id, {
        almaMode: "live",
        settings: { plans: ["general_3_0_0"], nested: { a: 1 } },
        status: "uninstalled",
      });
      expect(updated).toMatchObject({ almaMode: "live", status: "uninstalled", name: "A" });
      expect(updated?.settings).toEqual({ plans: ["general_3_0_0"], nested: { a: 1 } });
      expect(await storage.listTenants({ status: "uninstalled" })).toHaveLength(1);
      expect(await storage.updateTenant("ten_missing", { name: "x" })).toBeNull();
    });

    it("stores secrets encrypted, rotates them and keeps them per tenant", async () => {
      const { storage } = h();
      const { tenant } = await storage.createTenant({ platform: "testagency", externalId: "m1", name: "M1" });
      const { tenant: other } = await storage.createTenant({
        platform: "testagency",
        externalId: "m2",
        name: "M2",
      });
      const plaintext = "sk_live_0123456789abcdefSECRET";
      await storage.setSecret(tenant.id, "alma_live_key", plaintext);
      expect(await storage.getSecret(tenant.id, "alma_live_key")).toBe(plaintext);
      expect(await storage.getSecret(other.id, "alma_live_key")).toBeNull();
      expect(await storage.getSecret(tenant.id, "alma_test_key")).toBeNull();

      const rows = await h().raw("SELECT * FROM tenant_secrets");
      expect(rows).toHaveLength(1);
      expect(JSON.stringify(rows)).not.toContain("SECRET");
      expect(JSON.stringify(rows)).not.toContain(plaintext.slice(0, 12));

      const [before] = await storage.listSecrets(tenant.id);
      expect(before).toMatchObject({ name: "alma_live_key", rotatedAt: null });
      expect(before).not.toHaveProperty("value");
      await storage.setSecret(tenant.id, "alma_live_key", "sk_live_rotated");
      expect(await storage.getSecret(tenant.id, "alma_live_key")).toBe("sk_live_rotated");
      const [after] = await storage.listSecrets(tenant.id);
      expect(after?.rotatedAt).toEqual(expect.any(Number));
      expect(after?.createdAt).toBe(before?.createdAt);

      // A sealed value copied onto another tenant's row is refused rather than handed over.
      await h().raw(
        "INSERT INTO tenant_secrets (tenant_id, name, sealed, created_at, updated_at) SELECT $1, name, sealed, created_at, updated_at FROM tenant_secrets WHERE tenant_id = $2",
        [other.id, tenant.id],
      );
      await expect(storage.getSecret(other.id, "alma_live_key")).rejects.toThrow(/does not belong/);

      expect(await storage.deleteSecret(tenant.id, "alma_live_key")).toBe(true);
      expect(await storage.deleteSecret(tenant.id, "alma_live_key")).toBe(false);
      expect(await storage.getSecret(tenant.id, "alma_live_key")).toBeNull();
    });

    it("seals every secret again under a new master key, values and dates unchanged", async () => {
      const oldKey = SecretBox.generateKey();
      const newKey = SecretBox.generateKey();
      // One database whose master key changes between two runs of the server.
      let box = new SecretBox(oldKey);
      const rotating = await createHarness({
        secretBox: { seal: (p) => box.seal(p), open: (v) => box.open(v) },
      });
      try {
        const { storage } = rotating;
        const { tenant } = await storage.createTenant({
          platform: "testagency",
          externalId: "m1",
          name: "M1",
        });
        await storage.setSecret(tenant.id, "alma_live_key", "sk_live_beforeRotation0001");
        await storage.setSecret(tenant.id, "alma_test_key", "sk_test_beforeRotation0002");
        const before = await storage.listSecrets(tenant.id);
        // A row sealed under a key lost long ago: no key opens it, and it is reported, not dropped.
        const lost = new SecretBox(SecretBox.generateKey()).seal("unknown");
        await rotating.raw(
          "INSERT INTO tenant_secrets (tenant_id, name, sealed, created_at, updated_at) VALUES ($1, $2, $3, 1, 1)",
          [tenant.id, "webhook_secret", lost],
        );

        box = new SecretBox(newKey, [oldKey]);
        expect(await storage.resealSecrets()).toEqual({
          resealed: 2,
          unreadable: [{ tenantId: tenant.id, name: "webhook_secret" }],
        });
        // The old key is gone: everything readable before still is.
        box = new SecretBox(newKey);
        expect(await storage.getSecret(tenant.id, "alma_live_key")).toBe("sk_live_beforeRotation0001");
        expect(await storage.getSecret(tenant.id, "alma_test_key")).toBe("sk_test_beforeRotation0002");
        expect((await storage.listSecrets(tenant.id)).filter((s) => s.name !== "webhook_secret")).toEqual(
          before,
        );
        const [row] = await rotating.raw("SELECT sealed FROM tenant_secrets WHERE name = $1", [
          "webhook_secret",
        ]);
        expect(row?.sealed).toBe(lost);
        await expect(storage.getSecret(tenant.id, "webhook_secret")).rejects.toThrow(/could not be opened/);
      } finally {
        await rotating.cleanup();
      }
    });

    it("seals a plugin's own values bound to their context", async () => {
      const { storage } = h();
      const sealed = storage.sealValue("idempotency:agency-1:key-1", '{"token":"abk_secret"}');
      expect(sealed).not.toContain("abk_secret");
      expect(storage.openValue("idempotency:agency-1:key-1", sealed)).toBe('{"token":"abk_secret"}');
      expect(() => storage.openValue("idempotency:agency-2:key-1", sealed)).toThrow(/does not belong/);
      expect(() => storage.openValue("idempotency:agency-1:key-1", "v1.x.y.z")).toThrow();
    });

    it("never shows one tenant another tenant's payments, refunds or events", async () => {
      const { storage } = h();
      const { tenant: a } = await storage.createTenant({ platform: "testshop", externalId: "a", name: "A" });
      const { tenant: b } = await storage.createTenant({ platform: "testshop", externalId: "b", name: "B" });
      const { link } = await storage.createPaymentLink({
        tenantId: a.id,
        platformOrderRef: "order-1",
        amountCents: 10_000,
        currency: "EUR",
        almaPaymentId: "payment_abc",
      });
      await storage.appendPaymentEvent({ tenantId: a.id, paymentLinkId: link.id, type: "created" });
      await storage.createRefund({
        tenantId: a.id,
        paymentLinkId: link.id,
        platformRefundRef: "r1",
        amountCents: 100,
        origin: "platform",
      });

      expect(await storage.getPaymentLink(b.id, link.id)).toBeNull();
      expect(await storage.findPaymentByOrderRef(b.id, "order-1")).toBeNull();
      expect(await storage.findPaymentByAlmaId(b.id, "payment_abc")).toBeNull();
      expect(await storage.listPaymentLinks(b.id)).toEqual([]);
      expect(await storage.transitionPayment(b.id, link.id, ["pending"], "paid")).toBe(false);
      expect(await storage.updatePaymentLink(b.id, link.id, { planKey: "x" })).toBeNull();
      expect(await storage.listPaymentEvents(b.id, link.id)).toEqual([]);
      expect(await storage.listRefunds(b.id, link.id)).toEqual([]);
      expect(await storage.findRefundByPlatformRef(b.id, "r1")).toBeNull();
      expect(await storage.sumRefundedCents(b.id, link.id)).toBe(0);
      expect(
        await storage.createRefund({
          tenantId: b.id,
          paymentLinkId: link.id,
          platformRefundRef: "r2",
          amountCents: 100,
          origin: "platform",
        }),
      ).toEqual({ outcome: "unknown_payment" });
      await expect(
        storage.appendPaymentEvent({ tenantId: b.id, paymentLinkId: link.id, type: "forged" }),
      ).rejects.toThrow();
      expect((await storage.getPaymentLink(a.id, link.id))?.state).toBe("pending");

      // The same order reference and Alma id are independent across tenants.
      const twin = await storage.createPaymentLink({
        tenantId: b.id,
        platformOrderRef: "order-1",
        amountCents: 5,
        currency: "EUR",
        almaPaymentId: "payment_abc",
      });
      expect(twin.created).toBe(true);
      expect(twin.link.id).not.toBe(link.id);
    });

    paymentContract(h);
    paymentWatchContract(h);
    dashboardQueryContract(h);
    outboxRedactionContract(h);
    transactionContract(h);
  });
}
