import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pay, provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient } from "@alma-suite/core";
import { createPosPaymentLink, requestDashboardRefund } from "@alma-suite/core/flows";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import { payOnHostedPage } from "@alma-suite/webhook-bridge/testing";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import { agencyCreated, checkoutCreated, jsonAnswer } from "./support/json-answers.ts";
import { DATABASES, type DatabaseKind, serverDatabase } from "./support/server-database.ts";
import { waitFor } from "./support/wait-for.ts";

const silent = createLogger({ level: "silent" });
const OPERATOR = "mode-switch-operator-token-0001";
// The sandbox only knows test keys: a call made with this one is refused, as the other Alma
// environment (a separate account) refuses a payment it never saw.
const LIVE_KEY = "sk_live_modeSwitchNotKnownHere1";
// Long enough to switch the tenant to live between the payment and Alma's notification.
const IPN_DELAY_MS = 1_500;

let server: RunningServer | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
afterEach(async () => {
  await server?.stop();
  await dropDatabase?.();
  server = undefined;
  dropDatabase = undefined;
});

async function start(kind: DatabaseKind): Promise<RunningServer> {
  const db = await serverDatabase(kind, "mode_switch");
  dropDatabase = db.drop;
  const dataDir = mkdtempSync(join(tmpdir(), "mode-switch-"));
  server = await startServer(
    loadConfig({
      PORT: "0",
      DATA_DIR: dataDir,
      LOG_LEVEL: "silent",
      ALMA_SANDBOX_IPN_DELAY_MS: String(IPN_DELAY_MS),
      ...db.env,
    }),
    silent,
    {
      plugins: [webhookBridgePlugin],
      env: { BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", BRIDGE_OPERATOR_TOKEN: OPERATOR, DATA_DIR: dataDir },
    },
  );
  return server;
}

/** What the merchant does in the settings: adds the live key and switches (or switches back). */
async function switchTo(s: RunningServer, tenantId: string, mode: "live" | "test") {
  await s.storage.setSecret(tenantId, "alma_live_key", LIVE_KEY);
  await s.storage.updateTenant(tenantId, { almaMode: mode });
}

async function forceCheck(s: RunningServer, tenantId: string, paymentId: string) {
  const response = await fetch(`${s.url}/admin/api/tenants/${tenantId}/payments/${paymentId}/check`, {
    method: "POST",
    headers: { authorization: `Bearer ${s.adminToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { check: { outcome: string } }).check;
}

describe.each(DATABASES)("a payment stays in the Alma environment it was made in (%s)", (kind) => {
  it("bridge: paid in test, merchant switched to live: IPN confirms, refund and checks go to test", async () => {
    const s = await start(kind);
    const testKey = "sk_test_modeSwitchBridge01";
    await provisionSandboxKeys(s.almaBaseUrl, testKey);
    const api = async (method: string, path: string, body: unknown, token: string) => {
      const response = await fetch(`${s.url}/bridge/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return jsonAnswer(response);
    };
    const agency = await api("POST", "/operator/agencies", { name: "Agence" }, OPERATOR);
    const token = agencyCreated.parse(agency.body).api_key.token;
    const base = "/merchants/boutique";
    expect((await api("PUT", base, { name: "Boutique", alma_test_key: testKey }, token)).status).toBe(201);
    const checkout = await api(
      "POST",
      `${base}/checkouts`,
      {
        order_reference: "MS-1",
        amount: 45000,
        currency: "EUR",
        plan: "general_3_0_0",
        return_url: "https://shop.example/return",
        cancel_url: "https://shop.example/cancel",
        customer: { first_name: "Léa", last_name: "Martin", email: "lea@example.com" },
      },
      token,
    );
    expect(checkout.status).toBe(201);
    const created = checkoutCreated.parse(checkout.body);
    const paymentId = created.payment.id;
    const [merchant] = await s.storage.listTenants({ platform: "bridge" });
    const tenantId = merchant?.id ?? "";
    // Paid; the customer closes the tab instead of coming back: only the IPN can tell.
    const paid = await payOnHostedPage(created.redirect_url);
    expect("redirect" in paid).toBe(true);
    await switchTo(s, tenantId, "live");

    await waitFor("the IPN confirmed the test payment", async () => {
      const link = await s.storage.getPaymentLink(tenantId, paymentId);
      return link?.state === "paid";
    });
    const link = (await s.storage.getPaymentLink(tenantId, paymentId))!;
    expect(link.almaMode).toBe("test");
    // The agency's view follows once the platform call made by the confirmation has run.
    await waitFor("the bridge payment paid", async () => {
      const shown = await fetch(`${s.url}/bridge/v1${base}/payments/${paymentId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return ((await shown.json()) as { status?: string }).status === "paid";
    });

    const refund = await api(
      "POST",
      `${base}/payments/${paymentId}/refunds`,
      { amount: 10000, reference: "R-1" },
      token,
    );
    expect(refund.status).toBe(201);
    const test = new AlmaClient({ apiKey: testKey, baseUrl: s.almaBaseUrl });
    expect((await test.payments.fetch(link.almaPaymentId!)).refunds.map((r) => r.amount)).toEqual([10000]);
    expect(await forceCheck(s, tenantId, paymentId)).toMatchObject({ outcome: "final" });

    // And back: the payment is still test's; the merchant's next checkout is made in test again.
    await switchTo(s, tenantId, "test");
    const again = await api(
      "POST",
      `${base}/payments/${paymentId}/refunds`,
      { amount: 5000, reference: "R-2" },
      token,
    );
    expect(again.status).toBe(201);
    expect((await test.payments.fetch(link.almaPaymentId!)).refunds.map((r) => r.amount)).toEqual([
      10000, 5000,
    ]);
  }, 30_000);

  it("PoS link: made in test, tenant switched to live: IPN confirms, check and refund go to test", async () => {
    const s = await start(kind);
    const testKey = "sk_test_modeSwitchPosLink01";
    await provisionSandboxKeys(s.almaBaseUrl, testKey);
    const { tenant } = await s.storage.createTenant({
      platform: "bridge",
      externalId: "pos",
      name: "Pos",
      almaMode: "test",
    });
    await s.storage.setSecret(tenant.id, "alma_test_key", testKey);
    const test = new AlmaClient({ apiKey: testKey, baseUrl: s.almaBaseUrl });
    const outcome = await createPosPaymentLink(
      {
        storage: s.storage,
        alma: test,
        publicUrl: s.url.replace("localhost", "127.0.0.1"),
        sendEmail: async () => "outbox",
        logger: silent,
      },
      {
        tenant,
        amountCents: 30000,
        reference: "T-1",
        installmentsCount: 3,
        customer: { email: "lea@example.com" },
      },
    );
    if (outcome.status !== "created") throw new Error(outcome.status);
    expect(outcome.link.almaMode).toBe("test");

    // Before paying: a check made after the switch still reads the test account.
    await switchTo(s, tenant.id, "live");
    expect(await forceCheck(s, tenant.id, outcome.link.id)).toMatchObject({ outcome: "not_decided" });
    await switchTo(s, tenant.id, "test");
    await pay(outcome.url, { card: "4242424242424242" });
    await switchTo(s, tenant.id, "live");
    await waitFor(
      "the IPN confirmed the PoS link",
      async () => (await s.storage.getPaymentLink(tenant.id, outcome.link.id))?.state === "paid",
    );

    // The merchant refunds from the dashboard; its durable job runs on the server's worker.
    const refund = await requestDashboardRefund(s.storage, {
      tenantId: tenant.id,
      paymentLinkId: outcome.link.id,
      idempotencyKey: "pos-refund-1",
    });
    expect(refund.status).toBe("accepted");
    await waitFor(
      "the dashboard refund made at Alma, in test",
      async () => (await test.payments.fetch(outcome.link.almaPaymentId!)).refunds.length === 1,
    );
    await waitFor(
      "the link refunded",
      async () => (await s.storage.getPaymentLink(tenant.id, outcome.link.id))?.state === "refunded",
    );
  }, 30_000);
});
