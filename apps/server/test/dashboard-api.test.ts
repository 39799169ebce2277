import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pay, provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { DASHBOARD_OPERATIONS, dashboardApiDocument } from "@alma-suite/core/dashboard-api";
import { PLATFORM_CALL_JOB } from "@alma-suite/core/flows";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import {
  payOnHostedPage,
  startWebhookReceiver,
  type WebhookReceiver,
} from "@alma-suite/webhook-bridge/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import { checkDashboardAnswer } from "./support/dashboard-contract.ts";
import { waitFor } from "./support/wait-for.ts";

const OPERATOR = "dashboard-api-operator-token-0001";
const basket = JSON.parse(
  readFileSync(new URL("../../../fixtures/bridge/checkouts/basket-3x.json", import.meta.url), "utf8"),
);

let server: RunningServer;
let receiver: WebhookReceiver;
let skewMs = 0;
let agencyKey: string;
const tenants: Record<"a" | "b", string> = { a: "", b: "" };
const sessions: Record<"operator" | "a" | "b", string> = { operator: "", a: "", b: "" };
let paymentA: string;

// biome-ignore lint/suspicious/noExplicitAny: answers are read as plain JSON
type Json = any;

async function http(
  method: string,
  url: string,
  options: { cookie?: string; body?: unknown; csrf?: boolean } = {},
) {
  const response = await fetch(url.startsWith("http") ? url : `${server.url}${url}`, {
    method,
    redirect: "manual",
    headers: {
      ...(options.body === undefined ? {} : { "content-type": "application/json" }),
      ...(options.csrf === false ? {} : { "x-requested-with": "alma-dashboard" }),
      ...(options.cookie ? { cookie: options.cookie } : {}),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text && response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : text) as Json,
  };
}

/** Every answer is also checked against the schema its route declares (core's dashboard-api). */
async function api(who: keyof typeof sessions, method: string, path: string, body?: unknown, csrf = true) {
  const answer = await http(method, `/dashboard/api${path}`, { cookie: sessions[who], body, csrf });
  checkDashboardAnswer(method, path, answer.status, answer.body);
  return answer;
}

function cookieOf(headers: Headers): string {
  const setCookie = headers.get("set-cookie") ?? "";
  return setCookie.split(";")[0] ?? "";
}

async function bridge(method: string, path: string, body?: unknown) {
  const response = await fetch(`${server.url}/bridge/v1${path}`, {
    method,
    headers: { authorization: `Bearer ${agencyKey}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function merchantSession(tenantId: string): Promise<string> {
  const link = await api("operator", "POST", `/tenants/${tenantId}/login-links`);
  expect(link.status).toBe(201);
  const login = await http("GET", link.body.url);
  expect(login.status).toBe(303);
  return cookieOf(login.headers);
}

const webhooksOf = (type: string) =>
  receiver.received
    .map((r) => ({ ...r, payload: JSON.parse(r.body) as Json }))
    .filter((r) => r.payload.type === type);

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  const dataDir = mkdtempSync(join(tmpdir(), "dashboard-api-"));
  server = await startServer(
    loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", ADMIN_TOKEN: OPERATOR }),
    createLogger({ level: "silent" }),
    {
      plugins: [webhookBridgePlugin],
      now: () => Date.now() + skewMs,
      env: { BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1", DATA_DIR: dataDir },
    },
  );
  await provisionSandboxKeys(server.almaBaseUrl, "sk_test_dasha0001", "sk_test_dashb0001");
  agencyKey = OPERATOR;
  const agency = await bridge("POST", "/operator/agencies", { name: "Agence Dashboard" });
  agencyKey = agency.body.api_key.token;
  for (const [who, ref] of [
    ["a", "boutique-a"],
    ["b", "boutique-b"],
  ] as const) {
    const merchant = await bridge("PUT", `/merchants/${ref}`, {
      name: ref,
      alma_test_key: `sk_test_dash${who}0001`,
    });
    expect(merchant.status).toBe(201);
    tenants[who] = merchant.body.id;
  }
  expect((await bridge("POST", "/merchants/boutique-a/endpoints", { url: receiver.url })).status).toBe(201);
  const checkout = await bridge("POST", "/merchants/boutique-a/checkouts", basket);
  expect(checkout.status).toBe(201);
  const paid = await payOnHostedPage(checkout.body.redirect_url);
  expect("redirect" in paid).toBe(true);
  await waitFor("payment.accepted", async () => webhooksOf("payment.accepted").length > 0);
  const link = await server.storage.findPaymentByOrderRef(tenants.a, basket.order_reference);
  paymentA = link?.id ?? "";
}, 60_000);

afterAll(async () => {
  await server?.stop();
  await receiver?.close();
});

describe("merchant dashboard API", () => {
  it("signs the operator in with the admin token only, in a strict HttpOnly cookie", async () => {
    expect((await api("operator", "GET", "/session")).status).toBe(401);
    expect((await http("POST", "/dashboard/api/session", { body: { token: `${OPERATOR}x` } })).status).toBe(
      401,
    );
    expect((await http("POST", "/dashboard/api/session", { body: { token: "short" } })).status).toBe(401);
    const withoutHeader = await http("POST", "/dashboard/api/session", {
      body: { token: OPERATOR },
      csrf: false,
    });
    expect(withoutHeader.status).toBe(403);
    const signIn = await http("POST", "/dashboard/api/session", { body: { token: OPERATOR } });
    expect(signIn.status).toBe(200);
    const setCookie = signIn.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^alma_dashboard=/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Strict");
    expect(setCookie).toContain("Path=/dashboard");
    sessions.operator = cookieOf(signIn.headers);
    expect((await api("operator", "GET", "/session")).body).toEqual({ role: "operator", tenantId: null });
    const listed = await api("operator", "GET", "/tenants");
    expect(listed.body.tenants.map((t: Json) => t.id).sort()).toEqual([tenants.a, tenants.b].sort());
    // A forged cookie is no session.
    const forged = `${sessions.operator.slice(0, -3)}abc`;
    expect((await http("GET", "/dashboard/api/session", { cookie: forged })).status).toBe(401);
  });

  it("lets a merchant in once per login link; expired, reused and forged links are refused", async () => {
    sessions.a = await merchantSession(tenants.a);
    sessions.b = await merchantSession(tenants.b);
    expect((await api("a", "GET", "/session")).body).toEqual({ role: "merchant", tenantId: tenants.a });
    expect((await api("a", "GET", "/tenants")).body.tenants.map((t: Json) => t.id)).toEqual([tenants.a]);

    const link = (await api("operator", "POST", `/tenants/${tenants.a}/login-links`)).body;
    expect(link.expiresAt).toBeGreaterThan(Date.now() + 14 * 60_000);
    expect((await http("GET", link.url)).status).toBe(303);
    const reused = await http("GET", link.url);
    expect(reused.status).toBe(410);
    expect(reused.body.error).toMatch(/already used/);
    expect(reused.headers.get("set-cookie")).toBeNull();

    const token = link.url.split("/login/")[1] as string;
    const [payload, signature] = token.split(".") as [string, string];
    const other = JSON.parse(Buffer.from(payload, "base64url").toString());
    const retargeted = Buffer.from(JSON.stringify({ ...other, t: tenants.b })).toString("base64url");
    const forged = await http("GET", `/dashboard/login/${retargeted}.${signature}`);
    expect(forged.status).toBe(400);
    expect(forged.body.error).toMatch(/not valid/);

    const late = (await api("operator", "POST", `/tenants/${tenants.a}/login-links`)).body;
    skewMs = 16 * 60_000;
    try {
      const expired = await http("GET", late.url);
      expect(expired.status).toBe(410);
      expect(expired.body.error).toMatch(/expired/);
    } finally {
      skewMs = 0;
    }
    // Only the operator makes links, even for the merchant's own tenant.
    expect((await api("a", "POST", `/tenants/${tenants.a}/login-links`)).status).toBe(403);
  });

  it("lists a paid payment and shows its schedule from Alma to the cent, with its timeline", async () => {
    const list = await api("a", "GET", `/tenants/${tenants.a}/payments?q=${basket.order_reference}`);
    expect(list.status).toBe(200);
    expect(list.body.payments).toHaveLength(1);
    expect(list.body.payments[0]).toMatchObject({
      id: paymentA,
      platformOrderRef: basket.order_reference,
      amountCents: 45000,
      refundedCents: 0,
      state: "paid",
      planKey: "general_3_0_0",
      installmentsCount: 3,
      channel: "online",
      platformOrderUrl: null,
    });
    const detail = await api("a", "GET", `/tenants/${tenants.a}/payments/${paymentA}`);
    expect(detail.status).toBe(200);
    const schedule = detail.body.schedule as Json[];
    expect(schedule).toHaveLength(3);
    expect(schedule.map((i) => i.state)).toEqual(["paid", "pending", "pending"]);
    expect(schedule[0].paidAt).toEqual(expect.any(Number));
    expect(schedule.reduce((sum, i) => sum + i.amountCents, 0)).toBe(45000);
    expect(detail.body.refundableCents).toBe(45000);
    const kinds = new Set((detail.body.timeline as Json[]).map((e) => e.kind));
    expect(kinds).toEqual(new Set(["event", "job", "notification"]));
    expect(detail.body.timeline.some((e: Json) => e.type === "payment.accepted")).toBe(true);
    // The facts behind each entry, for pages that write them as sentences in their reader's language.
    expect(detail.body.timeline.find((e: Json) => e.kind === "notification")?.data).toMatchObject({
      attempts: expect.any(Number),
      maxAttempts: expect.any(Number),
    });
    expect((detail.body.timeline as Json[]).every((e) => typeof e.data === "object" && e.data !== null)).toBe(
      true,
    );
    // Jobs name the payment they work on, so the jobs page can link to it.
    const jobs = (await api("a", "GET", `/tenants/${tenants.a}/jobs`)).body.jobs as Json[];
    expect(jobs.find((j) => j.paymentId === paymentA)).toMatchObject({ orderRef: basket.order_reference });

    const paged = await api("a", "GET", `/tenants/${tenants.a}/payments?limit=1&state=paid,refunded`);
    expect(paged.body.payments).toHaveLength(1);
    expect((await api("a", "GET", `/tenants/${tenants.a}/payments?cursor=nonsense`)).status).toBe(400);
    const bogus = await api("a", "GET", `/tenants/${tenants.a}/payments?state=paid,bogus`);
    expect(bogus.status).toBe(400);
    expect(bogus.body).toMatchObject({ field: "state" });
  });

  it("never lets a merchant read or act on another tenant's payments, jobs, deliveries or outbox", async () => {
    const refunds = () => server.storage.listRefunds(tenants.a, paymentA);
    const before = (await refunds()).length;
    for (const [method, path] of [
      ["GET", `/tenants/${tenants.a}/payments`],
      ["GET", `/tenants/${tenants.a}/payments/${paymentA}`],
      ["GET", `/tenants/${tenants.a}/jobs`],
      ["GET", `/tenants/${tenants.a}/deliveries`],
      ["GET", `/tenants/${tenants.a}/outbox`],
      ["GET", `/tenants/${tenants.a}/health`],
      ["POST", `/tenants/${tenants.a}/payments/${paymentA}/refunds`],
    ] as const) {
      const answer = await api(
        "b",
        method,
        path,
        method === "POST" ? { idempotencyKey: "steal" } : undefined,
      );
      expect([path, answer.status, answer.body.error]).toEqual([path, 404, "no tenant with that id"]);
    }
    // The payment id under the merchant's own tenant is just as unknown.
    expect((await api("b", "GET", `/tenants/${tenants.b}/payments/${paymentA}`)).status).toBe(404);
    const viaOwn = await api("b", "POST", `/tenants/${tenants.b}/payments/${paymentA}/refunds`, {
      idempotencyKey: "steal-2",
    });
    expect(viaOwn.status).toBe(404);
    const [job] = await server.storage.listJobs({ tenantId: tenants.a, limit: 1 });
    expect((await api("b", "POST", `/tenants/${tenants.b}/jobs/${job?.id}/retry`)).status).toBe(404);
    const delivery = (await api("a", "GET", `/tenants/${tenants.a}/deliveries`)).body.deliveries[0];
    expect((await api("b", "POST", `/tenants/${tenants.b}/deliveries/${delivery.id}/replay`)).status).toBe(
      404,
    );
    expect((await refunds()).length).toBe(before);
  });

  it("refuses changes without the X-Requested-With header (CSRF), writing nothing", async () => {
    const answer = await api(
      "a",
      "POST",
      `/tenants/${tenants.a}/payments/${paymentA}/refunds`,
      { idempotencyKey: "x" },
      false,
    );
    expect(answer.status).toBe(403);
    expect(await server.storage.listRefunds(tenants.a, paymentA)).toEqual([]);
  });

  it("refunds part then the rest: Alma and the platform both see each refund, never above what is refundable", async () => {
    const path = `/tenants/${tenants.a}/payments/${paymentA}/refunds`;
    const tooMuch = await api("a", "POST", path, { amountCents: 45001, idempotencyKey: "too-much" });
    expect(tooMuch.status).toBe(422);
    expect(tooMuch.body).toMatchObject({ refundableCents: 45000, field: "amountCents" });
    expect(await server.storage.listRefunds(tenants.a, paymentA)).toEqual([]);
    expect((await api("a", "POST", path, { amountCents: 12.5, idempotencyKey: "k" })).status).toBe(400);
    expect((await api("a", "POST", path, { amountCents: 100 })).body.field).toBe("idempotencyKey");

    const partial = await api("a", "POST", path, { amountCents: 10000, idempotencyKey: "first" });
    expect(partial.status).toBe(202);
    expect(partial.body.refund).toMatchObject({ amountCents: 10000, state: "pending", origin: "alma" });
    const again = await api("a", "POST", path, { amountCents: 10000, idempotencyKey: "first" });
    expect(again.body.refund.id).toBe(partial.body.refund.id);
    await waitFor("partial refund at the agency", async () => webhooksOf("payment.refunded").length === 1);
    const rest = await api("a", "POST", path, { idempotencyKey: "rest" });
    expect(rest.status).toBe(202);
    expect(rest.body.refund.amountCents).toBe(35000);
    await waitFor("full refund at the agency", async () => webhooksOf("payment.refunded").length === 2);

    const detail = await waitFor("refunds succeeded", async () => {
      const d = (await api("a", "GET", `/tenants/${tenants.a}/payments/${paymentA}`)).body;
      return d.refunds.every((r: Json) => r.state === "succeeded") && d.payment.state === "refunded" && d;
    });
    expect(detail.refundableCents).toBe(0);
    expect(detail.payment.refundedCents).toBe(45000);
    const sent = webhooksOf("payment.refunded").map((w) => w.payload.data.refund);
    expect(sent.map((r: Json) => [r.amount, r.kind])).toEqual([
      [10000, "partial"],
      [35000, "full"],
    ]);
    const link = await server.storage.getPaymentLink(tenants.a, paymentA);
    const alma = (await http("GET", `/alma-sandbox/_admin/payments/${link?.almaPaymentId}`)).body.payment;
    expect(alma.refunds.map((r: Json) => [r.merchant_reference, r.amount])).toEqual([
      [partial.body.refund.id, 10000],
      [rest.body.refund.id, 35000],
    ]);
    const nothingLeft = await api("a", "POST", path, { idempotencyKey: "more" });
    expect(nothingLeft.status).toBe(409);
  });

  it("retries a dead job of the tenant", async () => {
    const job = await server.storage.enqueue({
      type: PLATFORM_CALL_JOB,
      key: "dashboard-test:broken-call",
      payload: { tenantId: tenants.a, paymentLinkId: paymentA, action: "noSuchAction", input: {} },
      maxAttempts: 1,
    });
    await waitFor("the job to die", async () => (await server.storage.getJob(job.id))?.state === "dead");
    const dead = await api("a", "GET", `/tenants/${tenants.a}/jobs?state=dead`);
    expect(dead.body.counts.dead).toBe(1);
    expect(dead.body.jobs.map((j: Json) => j.id)).toEqual([job.id]);
    expect(dead.body.jobs[0]).toMatchObject({ attempts: 1, maxAttempts: 1, lastError: expect.any(String) });
    expect((await api("b", "GET", `/tenants/${tenants.b}/jobs`)).body.counts.dead).toBe(0);
    const retried = await api("a", "POST", `/tenants/${tenants.a}/jobs/${job.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.job).toMatchObject({ id: job.id, state: "pending", attempts: 0 });
    expect((await api("a", "GET", `/tenants/${tenants.a}/jobs?state=bogus`)).status).toBe(400);
  });

  it("replays a webhook delivery: the agency gets the same message again", async () => {
    const list = await api("a", "GET", `/tenants/${tenants.a}/deliveries?status=delivered`);
    expect(list.body.supported).toBe(true);
    const accepted = list.body.deliveries.find((d: Json) => d.eventType === "payment.accepted");
    expect(accepted).toMatchObject({ endpointUrl: receiver.url, attempts: 1, lastStatusCode: 204 });
    const messageId = accepted.messageId;
    const countOf = () => receiver.received.filter((r) => r.headers["webhook-id"] === messageId).length;
    const before = countOf();
    const replay = await api("a", "POST", `/tenants/${tenants.a}/deliveries/${accepted.id}/replay`);
    expect(replay.status).toBe(202);
    expect(replay.body.delivery).toMatchObject({ messageId, eventType: "payment.accepted" });
    expect(replay.body.delivery.id).not.toBe(accepted.id);
    await waitFor("the replayed delivery", async () => countOf() === before + 1);
    expect((await api("a", "POST", `/tenants/${tenants.a}/deliveries/dlv_nope/replay`)).status).toBe(404);
  });

  it("sends PoS payment links by SMS or e-mail; paying one moves it to paid without any platform call", async () => {
    const path = `/tenants/${tenants.a}/payment-links`;
    /** A 300 EUR link in 3x sent to `customer`, in `locale` when given. */
    const send = (reference: string, customer: Record<string, string>, locale?: string) =>
      api("a", "POST", path, {
        amountCents: 30000,
        reference,
        installmentsCount: 3,
        customer,
        ...(locale === undefined ? {} : { locale }),
      });
    const noContact = await send("T-1", {});
    expect(noContact.status).toBe(400);
    const sms = await send("SHOP-T-1", { phone: "+33 6 12 34 56 78", firstName: "Léa" });
    expect(sms.status).toBe(201);
    expect(sms.body.sent).toEqual({ channel: "sms", to: "+33*******78" });
    expect(sms.body.payment).toMatchObject({ channel: "pos", state: "pending", amountCents: 30000 });
    const texted = (
      await http("GET", `/alma-sandbox/_admin/sms?payment_id=${sms.body.payment.almaPaymentId}`)
    ).body;
    expect(texted.data).toHaveLength(1);
    expect(texted.data[0].message).toMatch(/ : payez votre commande avec Alma sur http/);
    const atAlma = (await http("GET", `/alma-sandbox/_admin/payments/${sms.body.payment.almaPaymentId}`)).body
      .payment;
    expect(atAlma).toMatchObject({ origin: "pos_link", expires_after: 3 * 24 * 60, locale: "fr" });
    // A customer who reads English gets Alma's page and the message in English.
    const english = await send("SHOP-T-EN", { phone: "+33 6 12 34 56 79" }, "en");
    expect(english.status).toBe(201);
    const englishAtAlma = (
      await http("GET", `/alma-sandbox/_admin/payments/${english.body.payment.almaPaymentId}`)
    ).body.payment;
    expect(englishAtAlma.locale).toBe("en");
    const englishSms = (
      await http("GET", `/alma-sandbox/_admin/sms?payment_id=${english.body.payment.almaPaymentId}`)
    ).body.data;
    // Alma texts the link in the payment's language, as the page it links to.
    expect(englishSms[0].message).toMatch(/: pay your order with Alma at http/);
    const unknownLanguage = await send("SHOP-T-XX", { phone: "+33 6 12 34 56 70" }, "xx");
    expect(unknownLanguage.status).toBe(400);
    const duplicate = await api("a", "POST", path, {
      amountCents: 100,
      reference: "SHOP-T-1",
      installmentsCount: 3,
      customer: { phone: "+33612345678" },
    });
    expect(duplicate.status).toBe(409);

    const email = await api("a", "POST", path, {
      amountCents: 24000,
      reference: "PHONE-7",
      installmentsCount: 4,
      customer: { email: "camille.martin@example.fr" },
    });
    expect(email.status).toBe(201);
    expect(email.body.sent).toEqual({ channel: "email", to: "ca***@example.fr" });
    const outbox = (await api("a", "GET", `/tenants/${tenants.a}/outbox`)).body.messages as Json[];
    const mail = outbox.find((m) => m.channel === "email");
    expect(mail).toMatchObject({ to: "camille.martin@example.fr", transport: "outbox" });
    expect(mail.body).toContain(email.body.url);
    expect(outbox.some((m) => m.channel === "sms" && m.to === "+33 6 12 34 56 78")).toBe(true);
    expect((await api("b", "GET", `/tenants/${tenants.b}/outbox`)).body.messages).toEqual([]);

    const done = await pay(email.body.url, { card: "4242424242424242" });
    expect(done.outcome === "paid" || done.status === 200 || done.status === 303).toBe(true);
    const row = await waitFor("the PoS payment to be paid", async () => {
      const list = await api("a", "GET", `/tenants/${tenants.a}/payments?q=PHONE-7`);
      return list.body.payments[0]?.state === "paid" && list.body.payments[0];
    });
    expect(row).toMatchObject({ channel: "pos", amountCents: 24000, installmentsCount: 4 });
    expect(
      await server.storage.listJobs({ tenantId: tenants.a, subjectId: row.id, type: PLATFORM_CALL_JOB }),
    ).toEqual([]);
    const timeline = (await api("a", "GET", `/tenants/${tenants.a}/payments/${row.id}`)).body
      .timeline as Json[];
    expect(timeline.map((e) => e.type)).toEqual(
      expect.arrayContaining(["pos_link.created", "pos_link.sent", "payment.accepted", "alma.ipn"]),
    );
  });

  it("reports a tenant's health: Alma key, platform, last notification, jobs needing attention", async () => {
    const health = await api("a", "GET", `/tenants/${tenants.a}/health`);
    expect(health.status).toBe(200);
    expect(health.body.alma).toMatchObject({ ok: true, mode: "test" });
    expect(health.body.platform.ok).toBeNull();
    expect(health.body.lastNotificationAt).toEqual(expect.any(Number));
    expect(health.body.jobs).toEqual({ failed: expect.any(Number), dead: expect.any(Number) });
    const { tenant } = await server.storage.createTenant({
      platform: "woocommerce",
      externalId: "https://w.example",
      name: "W",
    });
    const other = await api("operator", "GET", `/tenants/${tenant.id}/deliveries`);
    expect(other.body).toEqual({ supported: false, deliveries: [] });
  });

  it("serves its API document, generated from the schemas it answers with, to anyone", async () => {
    const doc = await http("GET", "/dashboard/api/openapi.json");
    expect(doc.status).toBe(200);
    const { servers, ...document } = doc.body;
    expect(servers).toEqual([{ url: expect.stringMatching(/^https?:\/\//) }]);
    expect(document).toEqual(dashboardApiDocument(DASHBOARD_OPERATIONS, { version: "1.0.0" }));
    expect(Object.keys(doc.body.paths)).toContain(
      "/dashboard/api/tenants/{tenantId}/payments/{paymentId}/refunds",
    );
  });

  it("signs out", async () => {
    const out = await api("b", "DELETE", "/session");
    expect(out.status).toBe(204);
    expect(out.headers.get("set-cookie")).toMatch(/alma_dashboard=;.*Max-Age=0/);
  });
});
