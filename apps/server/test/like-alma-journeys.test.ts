import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pay, provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { CHECK_DELAYS_MS } from "@alma-suite/core/storage";
import { paymentSession, payOnAlma, pickPlan, sendSession } from "@alma-suite/shopify/testing";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import {
  payOnHostedPage,
  startWebhookReceiver,
  type WebhookReceiver,
} from "@alma-suite/webhook-bridge/testing";
import { runPhpGateway } from "@alma-suite/woocommerce/testing";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import {
  agencyCreated,
  checkoutCreated,
  jsonAnswer,
  messageList,
  paymentShown,
} from "./support/json-answers.ts";
import { DATABASES, type DatabaseKind, serverDatabase } from "./support/server-database.ts";
import { type ShiftedClock, shiftedClock } from "./support/shifted-clock.ts";
import { type ShopifyJourney, startShopifyJourney, stopShopifyJourney } from "./support/shopify-journey.ts";
import { waitFor } from "./support/wait-for.ts";
import {
  registerStore,
  startWoocommerceJourney,
  stopWoocommerceJourney,
  type WoocommerceJourney,
} from "./support/woocommerce-journey.ts";

/**
 * The sandbox behaves like Alma: it notifies acceptances only. An abandoned checkout's expiry and
 * a refusal after review are never announced, so these journeys pass only if the payment watch
 * finds them, within its schedule (the server's clock is moved past each check).
 */
const LIKE_ALMA = {
  ALMA_SANDBOX_NOTIFICATIONS: "like_alma",
  ALMA_SANDBOX_IPN_DELAY_MS: "200",
  PAYMENT_WATCH_INTERVAL_MS: "100",
};
const MINUTE = 60_000;
const REVIEW_CARD = "4000000000000101"; // Alma answers scored_maybe, then decides

let cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  cleanups = [];
});

async function database(kind: DatabaseKind, prefix: string) {
  const db = await serverDatabase(kind, prefix);
  cleanups.push(db.drop);
  return db.env;
}

/** The sandbox's clock moves (payments expire there); nobody is notified of it. */
async function sandboxTimePasses(server: RunningServer, body: { days?: number; minutes?: number }) {
  const moved = await fetch(`${server.almaBaseUrl}/_clock`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(moved.status).toBe(200);
}

/** Alma's reviewer refuses a scored_maybe payment (the sandbox's operator route). */
async function reviewRefuses(server: RunningServer, almaKey: string, pid: string) {
  const decided = await fetch(`${server.almaBaseUrl}/_admin/payments/${pid}/decide`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Alma-Auth ${almaKey}` },
    body: JSON.stringify({ decision: "refuse" }),
  });
  expect(decided.status).toBe(200);
}

/**
 * Time passes for both the server and Alma until just past check number `n` (0: the first) of the
 * links created at the start, and waits until the watch made it for each link still open.
 */
async function pastCheck(
  server: RunningServer,
  clock: ShiftedClock,
  n: number,
  links: () => Promise<({ checkAttempts: number; nextCheckAt: number | null } | null)[]>,
) {
  const ms = (CHECK_DELAYS_MS[n] ?? 0) + MINUTE;
  clock.advance(ms);
  await sandboxTimePasses(server, { minutes: ms / MINUTE });
  await waitFor(`check ${n + 1}`, async () =>
    (await links()).every((link) => link && (link.nextCheckAt === null || link.checkAttempts > n)),
  );
}

describe.each(DATABASES)("with a sandbox that notifies like Alma (%s)", (kind) => {
  it("Shopify: an abandoned session is rejected once Alma expired it; a reviewed one once refused", async () => {
    const clock = shiftedClock();
    const almaKey = "sk_test_likeAlmaShopify001";
    const shop = "alma-like-alma.myshopify.com";
    const journey: ShopifyJourney = await startShopifyJourney({
      dataDirPrefix: "like-alma-shopify-",
      apiKey: "alma-suite-test-app",
      apiSecret: "shpss_test_secret_like_alma_0001",
      shop,
      almaKey,
      plans: [{ key: "general_3_0_0" }, { key: "general_4_0_0" }],
      config: { ...(await database(kind, "like_alma_shopify")), ...LIKE_ALMA },
      now: clock.now,
    });
    cleanups.push(() => stopShopifyJourney(journey));
    const { fake, server, tenantId } = journey;
    const start = async (amount: string) => {
      const session = paymentSession("sale-3x", { amount });
      const answer = await sendSession(fake, server.url, "payment-sessions", shop, session);
      const almaUrl = (await pickPlan(String(answer.body.redirect_url), "general_3_0_0")).location ?? "";
      return { session, almaUrl };
    };
    const abandoned = await start("120.00");
    const reviewed = await start("130.00");
    await payOnAlma(reviewed.almaUrl, REVIEW_CARD);
    const sessionOf = (s: { session: Record<string, unknown> }) => fake.sessions.get(String(s.session.gid));

    const links = () =>
      Promise.all(
        [abandoned, reviewed].map((s) =>
          server.storage.findPaymentByOrderRef(tenantId, String(s.session.id)),
        ),
      );

    await pastCheck(server, clock, 0, links);
    await waitFor("the reviewed session pending", () => sessionOf(reviewed)?.state === "pending");
    const pid = (await links())[1]?.almaPaymentId;
    await reviewRefuses(server, almaKey, pid ?? "");
    await pastCheck(server, clock, 1, links);
    await waitFor("the refused session rejected", () => sessionOf(reviewed)?.state === "rejected");
    expect(sessionOf(reviewed)?.rejection?.code).toBe("PROCESSING_ERROR");

    await pastCheck(server, clock, 2, links);
    expect(sessionOf(abandoned)?.state).toBe("proposed"); // Alma's 120 minutes are not over yet
    await pastCheck(server, clock, 3, links);
    await waitFor("the abandoned session rejected", () => sessionOf(abandoned)?.state === "rejected");
    expect(sessionOf(abandoned)?.rejection?.code).toBe("PROCESSING_ERROR");
  }, 40_000);

  it("WooCommerce: an abandoned order is cancelled once Alma expired it; a reviewed one failed once refused", async () => {
    const clock = shiftedClock();
    const token = "registration-token-for-like-alma-01";
    const almaKey = "sk_test_likeAlmaWoo000001";
    const journey: WoocommerceJourney = await startWoocommerceJourney(
      "like-alma-woo-",
      token,
      { ...(await database(kind, "like_alma_woo")), ...LIKE_ALMA },
      clock.now,
    );
    cleanups.push(() => stopWoocommerceJourney(journey));
    const { server, woo } = journey;
    const registered = await registerStore(journey, token, { alma_test_key: almaKey });
    const { store_id: storeId, gateway_secret: secret } = (await registered.json()) as {
      store_id: string;
      gateway_secret: string;
    };
    const checkout = async (totalCents: number) => {
      const order = woo.createOrder({
        totalCents,
        paymentMethod: "alma_suite",
        billing: { first_name: "Hugo", last_name: "Petit", email: "hugo@example.com", country: "FR" },
      });
      const answer = (await runPhpGateway({
        homeUrl: woo.url,
        connectorUrl: server.url,
        storeId,
        signingSecret: secret,
        orderId: order.id,
        orderKey: order.order_key,
      })) as { result: { redirect: string } };
      return { order, url: answer.result.redirect };
    };
    const abandoned = await checkout(31_000);
    const reviewed = await checkout(32_000);
    await pay(reviewed.url, { card: REVIEW_CARD });
    const statusOf = (id: number) => woo.store.orders.get(id)?.status;

    const links = () =>
      Promise.all(
        [abandoned, reviewed].map((c) => server.storage.findPaymentByOrderRef(storeId, String(c.order.id))),
      );

    await pastCheck(server, clock, 0, links);
    await waitFor("the reviewed order on hold", () => statusOf(reviewed.order.id) === "on-hold");
    const pid = (await links())[1]?.almaPaymentId;
    await reviewRefuses(server, almaKey, pid ?? "");
    await pastCheck(server, clock, 1, links);
    await waitFor("the refused order failed", () => statusOf(reviewed.order.id) === "failed");

    await pastCheck(server, clock, 2, links);
    expect(statusOf(abandoned.order.id)).toBe("pending"); // Alma's 120 minutes are not over yet
    await pastCheck(server, clock, 3, links);
    await waitFor("the abandoned order cancelled", () => statusOf(abandoned.order.id) === "cancelled");
  }, 40_000);

  it("bridge: an abandoned checkout expires, a reviewed one is refused, each told to the agency", async () => {
    const clock = shiftedClock();
    const operator = "like-alma-operator-token-0001";
    const almaKey = "sk_test_likeAlmaBridge0001";
    const receiver: WebhookReceiver = await startWebhookReceiver();
    cleanups.push(() => receiver.close());
    const dataDir = mkdtempSync(join(tmpdir(), "like-alma-bridge-"));
    const server = await startServer(
      loadConfig({
        PORT: "0",
        DATA_DIR: dataDir,
        LOG_LEVEL: "silent",
        ...(await database(kind, "like_alma_bridge")),
        ...LIKE_ALMA,
      }),
      createLogger({ level: "silent" }),
      {
        now: clock.now,
        plugins: [webhookBridgePlugin],
        env: {
          BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
          BRIDGE_OPERATOR_TOKEN: operator,
          DATA_DIR: dataDir,
        },
      },
    );
    cleanups.push(() => server.stop());
    await provisionSandboxKeys(server.almaBaseUrl, almaKey);
    const api = async (method: string, path: string, body: unknown, token: string) => {
      const response = await fetch(`${server.url}/bridge/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return jsonAnswer(response);
    };
    const token = agencyCreated.parse(
      (await api("POST", "/operator/agencies", { name: "Agence" }, operator)).body,
    ).api_key.token;
    const base = "/merchants/boutique";
    expect((await api("PUT", base, { name: "Boutique", alma_test_key: almaKey }, token)).status).toBe(201);
    expect((await api("POST", `${base}/endpoints`, { url: receiver.url }, token)).status).toBe(201);
    const checkout = async (reference: string) => {
      const answer = await api(
        "POST",
        `${base}/checkouts`,
        {
          order_reference: reference,
          amount: 45000,
          currency: "EUR",
          plan: "general_3_0_0",
          return_url: "https://shop.example/return",
          cancel_url: "https://shop.example/cancel",
          customer: { first_name: "Léa", last_name: "Martin", email: "lea@example.com" },
        },
        token,
      );
      expect(answer.status).toBe(201);
      return checkoutCreated.parse(answer.body);
    };
    // What the agency is told: the event is published for its endpoint (its delivery runs on the
    // bridge's clock, which this test moved ahead) and the payment shows the outcome.
    const told = async (type: string, payment: { payment: { id: string } }) => {
      const messages = await api("GET", `${base}/messages?event_type=${type}`, undefined, token);
      const shown = await api("GET", `${base}/payments/${payment.payment.id}`, undefined, token);
      return (
        messageList.parse(messages.body).data.some((m) => m.payment_id === payment.payment.id) &&
        paymentShown.parse(shown.body).status === type.replace("payment.", "")
      );
    };

    const abandoned = await checkout("ABANDONED-1");
    const reviewed = await checkout("REVIEWED-1");
    const stopped = await payOnHostedPage(reviewed.redirect_url, REVIEW_CARD);
    expect("html" in stopped).toBe(true);

    const [merchant] = await server.storage.listTenants({ platform: "bridge" });
    const links = () =>
      Promise.all(
        [abandoned, reviewed].map((c) => server.storage.getPaymentLink(merchant?.id ?? "", c.payment.id)),
      );
    await pastCheck(server, clock, 0, links);
    const pid = (await links())[1]?.almaPaymentId;
    await reviewRefuses(server, almaKey, pid ?? "");
    await pastCheck(server, clock, 1, links);
    await waitFor("payment.refused for the reviewed checkout", () => told("payment.refused", reviewed));

    await pastCheck(server, clock, 2, links);
    expect(await told("payment.expired", abandoned)).toBe(false); // Alma's 120 minutes are not over yet
    await pastCheck(server, clock, 3, links);
    await waitFor("payment.expired for the abandoned checkout", () => told("payment.expired", abandoned));
  }, 40_000);
});
