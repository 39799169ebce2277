import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pay, provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient } from "@alma-suite/core";
import { createPosPaymentLink, reconcilePosLinks } from "@alma-suite/core/flows";
import type { Tenant } from "@alma-suite/core/storage";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";

const silent = createLogger({ level: "silent" });
// Nothing listens there: Alma's notifications for these links are lost, as when our server is down.
const DEAD_PUBLIC_URL = "http://127.0.0.1:9";

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

async function start(intervalMs: number): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), "pos-reconcile-"));
  const env = {
    PORT: "0",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    POS_RECONCILE_INTERVAL_MS: `${intervalMs}`,
  };
  server = await startServer(loadConfig(env), silent, { plugins: [] });
  return server;
}

async function merchant(s: RunningServer, name: string, key: string) {
  await provisionSandboxKeys(s.almaBaseUrl, key);
  const { tenant } = await s.storage.createTenant({ platform: "bridge", externalId: name, name });
  await s.storage.setSecret(tenant.id, "alma_test_key", key);
  return { tenant, alma: new AlmaClient({ apiKey: key, baseUrl: s.almaBaseUrl }) };
}

async function posLink(s: RunningServer, m: { tenant: Tenant; alma: AlmaClient }, reference: string) {
  const outcome = await createPosPaymentLink(
    {
      storage: s.storage,
      alma: m.alma,
      publicUrl: DEAD_PUBLIC_URL,
      sendEmail: async () => "outbox",
      logger: silent,
    },
    {
      tenant: m.tenant,
      amountCents: 30000,
      reference,
      installmentsCount: 3,
      customer: { email: "lea@example.com" },
    },
  );
  if (outcome.status !== "created") throw new Error(`PoS link not created: ${outcome.status}`);
  return outcome;
}

async function payAtAlma(m: { alma: AlmaClient }, url: string, almaPaymentId: string | null) {
  await pay(url, { card: "4242424242424242" });
  expect((await m.alma.payments.fetch(almaPaymentId ?? "")).state).toBe("in_progress");
}

const stateOf = async (s: RunningServer, tenantId: string, id: string) =>
  (await s.storage.getPaymentLink(tenantId, id))?.state;

describe("PoS link reconciliation", () => {
  it("marks paid a link whose IPN was lost, leaves unpaid ones and other tenants' links alone", async () => {
    const s = await start(0);
    const shop = await merchant(s, "boutique", "sk_test_posReconcileShopA1");
    const other = await merchant(s, "other", "sk_test_posReconcileShopB1");
    const paid = await posLink(s, shop, "T-1");
    const unpaid = await posLink(s, shop, "T-2");
    const otherPaid = await posLink(s, other, "T-1");
    await payAtAlma(shop, paid.url, paid.link.almaPaymentId);
    await payAtAlma(other, otherPaid.url, otherPaid.link.almaPaymentId);
    expect(await stateOf(s, shop.tenant.id, paid.link.id)).toBe("pending");

    const deps = { storage: s.storage, alma: shop.alma, logger: silent };
    const report = await reconcilePosLinks(deps, { tenantId: shop.tenant.id, staleBefore: Date.now() + 1 });
    expect(report).toEqual({ checked: 2, moved: 1, failed: 0 });
    expect(await stateOf(s, shop.tenant.id, paid.link.id)).toBe("paid");
    expect(await stateOf(s, shop.tenant.id, unpaid.link.id)).toBe("pending");
    expect(await stateOf(s, other.tenant.id, otherPaid.link.id)).toBe("pending");
    const events = await s.storage.listPaymentEvents(shop.tenant.id, paid.link.id);
    expect(events.at(-1)).toMatchObject({ type: "payment.accepted", data: { source: "reconciliation" } });

    // A second pass finds nothing new; links touched after `staleBefore` are not asked about.
    expect(await reconcilePosLinks(deps, { tenantId: shop.tenant.id, staleBefore: Date.now() + 1 })).toEqual({
      checked: 1,
      moved: 0,
      failed: 0,
    });
    expect(await reconcilePosLinks(deps, { tenantId: shop.tenant.id, staleBefore: 0 })).toEqual({
      checked: 0,
      moved: 0,
      failed: 0,
    });
  });

  it("expires a link Alma reports expired", async () => {
    const s = await start(0);
    const shop = await merchant(s, "boutique", "sk_test_posReconcileExpiry1");
    const payment = await shop.alma.payments.create({
      payment: {
        purchase_amount: 12000,
        installments_count: 3,
        origin: "pos_link",
        expires_after: 5,
        ipn_callback_url: `${DEAD_PUBLIC_URL}/alma/ipn/${shop.tenant.id}`,
        billing_address: { email: "lea@example.com", country: "FR" },
      },
    });
    const { link } = await s.storage.createPaymentLink({
      tenantId: shop.tenant.id,
      platformOrderRef: "pos:T-3",
      amountCents: 12000,
      currency: "EUR",
      almaPaymentId: payment.id,
      custom: { channel: "pos", reference: "T-3" },
    });
    const clock = await fetch(`${s.almaBaseUrl}/_clock`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ minutes: 10 }),
    });
    expect(clock.status).toBe(200);
    expect((await shop.alma.payments.fetch(payment.id)).expired_at).not.toBeNull();
    const deps = { storage: s.storage, alma: shop.alma, logger: silent };
    expect(
      await reconcilePosLinks(deps, { tenantId: shop.tenant.id, staleBefore: Date.now() + 1 }),
    ).toMatchObject({
      moved: 1,
    });
    expect(await stateOf(s, shop.tenant.id, link.id)).toBe("expired");
  });

  it("runs by itself on the server every POS_RECONCILE_INTERVAL_MS", async () => {
    const s = await start(700);
    const shop = await merchant(s, "boutique", "sk_test_posReconcileTimer1");
    const link = await posLink(s, shop, "T-4");
    await payAtAlma(shop, link.url, link.link.almaPaymentId);
    const deadline = Date.now() + 15_000;
    while ((await stateOf(s, shop.tenant.id, link.link.id)) !== "paid" && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await stateOf(s, shop.tenant.id, link.link.id)).toBe("paid");
    const jobs = await s.storage.listJobs({ type: "core:pos-reconcile" });
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs.every((job) => (job.payload as { tenantId: string }).tenantId === shop.tenant.id)).toBe(true);
  });
});
