import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import {
  payOnHostedPage,
  startWebhookReceiver,
  verifyWithReference,
  type WebhookReceiver,
} from "@alma-suite/webhook-bridge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";

const OPERATOR = "bridge-journey-operator-token-0001";
const ALMA_KEY = "sk_test_bridgeJourney0001";
const basket = JSON.parse(
  readFileSync(new URL("../../../fixtures/bridge/checkouts/basket-3x.json", import.meta.url), "utf8"),
);

let server: RunningServer;
let receiver: WebhookReceiver;
let key: string;
let secret: string;
const base = "/bridge/v1/merchants/boutique-lyon";

async function api(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method,
    redirect: "manual",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

// biome-ignore lint/suspicious/noExplicitAny: webhook payloads are read as plain JSON
type Payload = { type: string; data: Record<string, any> };

/** Waits for a webhook of that type and checks it with `standardwebhooks`, the reference library. */
async function webhook(type: string, timeoutMs = 10_000): Promise<Payload> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = receiver.received.find((r) => JSON.parse(r.body).type === type);
    if (found) return verifyWithReference(secret, found.body, found.headers) as Payload;
    if (Date.now() > deadline)
      throw new Error(`no ${type} webhook; got ${receiver.received.map((r) => JSON.parse(r.body).type)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const dataDir = mkdtempSync(join(tmpdir(), "bridge-journey-"));
  server = await startServer(
    loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", WORKER_CONCURRENCY: "4" }),
    createLogger({ level: "silent" }),
    {
      plugins: [webhookBridgePlugin],
      env: { BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", BRIDGE_OPERATOR_TOKEN: OPERATOR, DATA_DIR: dataDir },
    },
  );
  await provisionSandboxKeys(server.almaBaseUrl, ALMA_KEY);
  key = OPERATOR;
  const agency = await api("POST", "/bridge/v1/operator/agencies", { name: "Agence Lumière" });
  expect(agency.status).toBe(201);
  key = agency.body.api_key.token;
  const merchant = await api("PUT", base, { name: "Boutique Lyon", alma_test_key: ALMA_KEY });
  expect(merchant.status).toBe(201);
  const endpoint = await api("POST", `${base}/endpoints`, {
    url: receiver.url,
    description: "PrestaShop module",
  });
  expect(endpoint.status).toBe(201);
  secret = endpoint.body.secret;
});
afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

describe("webhook bridge journey through the whole server", () => {
  it("checkout → pay on the Alma sandbox → payment.accepted signed → refund half → payment.refunded", async () => {
    const plans = await api("POST", `${base}/checkouts`, {
      ...basket,
      plan: undefined,
      order_reference: "PS-J-0",
    });
    expect(plans.body.plans.find((p: { plan: string }) => p.plan === "general_3_0_0")).toMatchObject({
      eligible: true,
    });

    const checkout = await api("POST", `${base}/checkouts`, basket, {
      "idempotency-key": "journey-checkout-1",
    });
    expect(checkout.status).toBe(201);
    expect(checkout.body.redirect_url).toContain("/alma-sandbox/checkout/payment_");

    const paid = await payOnHostedPage(checkout.body.redirect_url);
    if (!("redirect" in paid)) throw new Error(`the hosted page stopped: ${paid.html.slice(0, 200)}`);
    const back = await fetch(paid.redirect, { redirect: "manual" });
    expect(back.status).toBe(303);
    const shop = new URL(back.headers.get("location") ?? "");
    expect(`${shop.origin}${shop.pathname}`).toBe(basket.return_url);
    expect(shop.searchParams.get("status")).toBe("accepted");

    const accepted = await webhook("payment.accepted");
    expect(accepted.data.payment).toMatchObject({
      id: checkout.body.payment.id,
      order_reference: "PS-2026-000451",
      amount: 45000,
      status: "paid",
      metadata: { cart_id: "8812" },
    });
    const instalment = await webhook("payment.instalment_paid");
    expect(instalment.data.instalment).toMatchObject({ number: 1 });

    const refund = await api("POST", `${base}/payments/${checkout.body.payment.id}/refunds`, {
      amount: 22500,
      reference: "RF-J-1",
    });
    expect(refund.status).toBe(201);
    expect(refund.body.payment).toMatchObject({ status: "partially_refunded", refunded_amount: 22500 });
    const refunded = await webhook("payment.refunded");
    expect(refunded.data).toMatchObject({
      refund: { amount: 22500, kind: "partial", reference: "RF-J-1" },
      refunded_amount: 22500,
      payment: { status: "partially_refunded" },
    });
    const message = await api("GET", `${base}/messages?event_type=payment.refunded`);
    const detail = await api("GET", `${base}/messages/${message.body.data[0].id}`);
    expect(detail.body.attempts).toMatchObject([{ status: "succeeded", response_status: 204 }]);
  }, 20_000);

  it("a refused card sends the customer to cancel_url and the agency payment.refused", async () => {
    const checkout = await api("POST", `${base}/checkouts`, { ...basket, order_reference: "PS-J-REFUSED" });
    expect(checkout.status).toBe(201);
    // A risk refusal ends on a page linking to failure_return_url (Alma sends no IPN): the customer follows it.
    const stopped = await payOnHostedPage(checkout.body.redirect_url, "4000000000000002");
    if (!("html" in stopped)) throw new Error("a refused card was accepted");
    const failure = /href="([^"]*\/bridge\/failure\/[^"]*)"/
      .exec(stopped.html)?.[1]
      ?.replaceAll("&amp;", "&");
    expect(failure).toBeTruthy();
    const back = await fetch(failure ?? "", { redirect: "manual" });
    const shop = new URL(back.headers.get("location") ?? "");
    expect(`${shop.origin}${shop.pathname}`).toBe(basket.cancel_url);
    expect(shop.searchParams.get("status")).toBe("refused");
    const refused = await webhook("payment.refused");
    expect(refused.data).toMatchObject({
      reason: "refused",
      payment: { order_reference: "PS-J-REFUSED", status: "refused" },
    });
  }, 20_000);
});
