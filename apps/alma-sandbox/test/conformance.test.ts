import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pay } from "../src/testing/checkout-driver.ts";
import { loadAlmaFixture } from "./fixture-keys.ts";
import { type Harness, KEY, OTHER_KEY, startHarness } from "./sandbox-harness.ts";

// What Alma's official clients rely on (alma-php-client 2.6, alma-python-client 3.0, the plugins
// built on them), checked against the sandbox over HTTP. Each rule is written from the clients'
// behaviour and Alma's recorded bodies (fixtures/alma), not from the sandbox's code.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const CREDENTIALS_INVALID = { message: "Credentials invalid or not supplied" };

/** The response's raw header lines, exactly as sent on the wire. */
function rawHeaders(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string },
) {
  return new Promise<{ status: number; headers: [string, string][] }>((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      res.resume();
      const pairs: [string, string][] = [];
      for (let i = 0; i < res.rawHeaders.length; i += 2)
        pairs.push([res.rawHeaders[i]!, res.rawHeaders[i + 1]!]);
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: pairs }));
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

async function accepted(key = KEY, payment: Record<string, unknown> = {}) {
  const created = (await h.createPayment(payment, { order: { merchant_reference: "#1" } }, key)).body;
  await pay(created.url, { card: "4242424242424242" });
  return created;
}

describe("wire format (PHP client 2.6 decodes only `Content-Type: application/json` exactly)", () => {
  it.each([
    ["a payment list", "GET", "/v1/payments", KEY, undefined],
    ["a 401", "GET", "/v1/me", "sk_test_neverIssued0001", undefined],
    ["a 404 object", "GET", "/v1/payments/payment_11nothere", KEY, undefined],
    ["a 400 validation error", "POST", "/v1/payments", KEY, "{}"],
    ["malformed JSON", "POST", "/v1/payments", KEY, "{not json"],
    ["an unknown route", "GET", "/v1/nothing", KEY, undefined],
    ["eligibility", "POST", "/v2/payments/eligibility", KEY, '{"purchase_amount":30000}'],
  ])("%s carries exactly `Content-Type: application/json`", async (_name, method, path, key, body) => {
    const answer = await rawHeaders(`${h.url}${path}`, {
      method,
      headers: { authorization: `Alma-Auth ${key}`, "content-type": "application/json" },
      body,
    });
    const contentTypes = answer.headers.filter(([name]) => name.toLowerCase() === "content-type");
    expect(contentTypes).toEqual([["Content-Type", "application/json"]]);
  });

  it("a body-less 204 has no content type at all", async () => {
    const answer = await rawHeaders(`${h.url}/v1/me/business-events`, {
      method: "POST",
      headers: { authorization: `Alma-Auth ${KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ event_type: "cart_initiated", cart_id: "42" }),
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.some(([name]) => name.toLowerCase() === "content-type")).toBe(false);
  });
});

describe("keys like Alma's", () => {
  it.each([
    ["the API", "GET", "/v1/payments", undefined],
    ["v1 eligibility", "POST", "/v1/payments/eligibility", { payment: { purchase_amount: 30000 } }],
    ["v2 eligibility", "POST", "/v2/payments/eligibility", { purchase_amount: 30000 }],
    ["hosted page creation", "POST", "/v1/payments", { payment: { purchase_amount: 30000 } }],
    ["orders", "GET", "/v1/orders", undefined],
    ["business events", "POST", "/v1/me/business-events", { event_type: "cart_initiated", cart_id: "1" }],
  ])("a never-issued key is refused on %s with Alma's 401", async (_name, method, path, body) => {
    for (const key of ["sk_test_neverIssued0001", "sk_live_neverIssued0001"]) {
      const answer = await h.api(method, path, { key, body });
      expect(answer.status, key).toBe(401);
      expect(answer.body, key).toEqual(CREDENTIALS_INVALID);
    }
  });

  it("a never-issued key creates no payment (nothing to pay on a hosted page)", async () => {
    const before = h.server.sandbox.store.payments.list().items.length;
    await h.createPayment({}, {}, "sk_test_neverIssued0001");
    expect(h.server.sandbox.store.payments.list().items.length).toBe(before);
  });

  it("test and live keys of one account are separate merchants: own id, own payments", async () => {
    const account = h.server.sandbox.merchants.provision({ name: "Two environments" });
    const test = await h.api("GET", "/v1/me", { key: account.test.api_key });
    const live = await h.api("GET", "/v1/me", { key: account.live.api_key });
    expect(test.body.id).toBe(account.test.merchant_id);
    expect(live.body.id).toBe(account.live.merchant_id);
    expect(live.body.id).not.toBe(test.body.id);
    const paid = await h.createPayment({}, {}, account.test.api_key);
    expect(paid.status).toBe(200);
    const fromLive = await h.api("GET", `/v1/payments/${paid.body.id}`, { key: account.live.api_key });
    expect(fromLive.status).toBe(404);
    expect((await h.api("GET", "/v1/payments", { key: account.live.api_key })).body.data).toEqual([]);
  });

  it("a provisioned account gets its chosen plans and limits, and nothing else", async () => {
    const account = h.server.sandbox.merchants.provision({
      plans: ["general_3_0_0", "general_4_0_0"],
      limits: { min: 10000, max: 50000 },
    });
    const key = account.test.api_key;
    const plans = (await h.api("GET", "/v1/me/fee-plans", { key })).body;
    const allowed = plans.filter((p: { allowed: boolean }) => p.allowed);
    expect(allowed.map((p: { installments_count: number }) => p.installments_count)).toEqual([3, 4]);
    expect(allowed[0]).toMatchObject({ min_purchase_amount: 10000, max_purchase_amount: 50000 });
    const twice = await h.createPayment({ installments_count: 2 }, {}, key);
    expect(twice.status).toBe(400);
    const tooBig = await h.createPayment({ purchase_amount: 50001 }, {}, key);
    expect(tooBig.body.errors[0].field).toBe("payment.purchase_amount");
    // v2 eligibility without `queries`: one answer per enabled plan.
    const eligibility = await h.api("POST", "/v2/payments/eligibility", {
      key,
      body: { purchase_amount: 30000 },
    });
    expect(eligibility.body.map((e: { installments_count: number }) => e.installments_count)).toEqual([3, 4]);
    expect(eligibility.body.every((e: { eligible: boolean }) => e.eligible)).toBe(true);
  });

  it("an account not yet activated: v1 eligibility answers 400, /v1/me says it cannot create payments", async () => {
    const account = h.server.sandbox.merchants.provision({ activated: false });
    const key = account.test.api_key;
    const v1 = await h.api("POST", "/v1/payments/eligibility", {
      key,
      body: { payment: { purchase_amount: 30000 } },
    });
    expect(v1.status).toBe(400);
    expect(v1.body.message).toEqual(expect.any(String));
    expect((await h.api("GET", "/v1/me", { key })).body.can_create_payments).toBe(false);
    h.server.sandbox.merchants.provision({ testKey: key, activated: true });
    const later = await h.api("POST", "/v1/payments/eligibility", {
      key,
      body: { payment: { purchase_amount: 30000 } },
    });
    expect(later.status).toBe(200);
  });

  it("opens accounts through /_admin/merchants, refusing a key already issued elsewhere", async () => {
    const created = await h.api("POST", "/_admin/merchants", {
      key: null,
      body: { name: "Boutique", test_key: "sk_test_adminRoute0001", plans: ["general_1_0_0"] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Boutique",
      plans: ["general_1_0_0"],
      test: { api_key: "sk_test_adminRoute0001", merchant_id: expect.stringMatching(/^merchant_/) },
      live: { api_key: expect.stringMatching(/^sk_live_[A-Za-z0-9]{24}$/) },
    });
    expect((await h.api("GET", "/v1/me", { key: "sk_test_adminRoute0001" })).status).toBe(200);
    const clash = await h.api("POST", "/_admin/merchants", {
      key: null,
      body: { test_key: "sk_test_newOne000001", live_key: created.body.live.api_key },
    });
    // The live key names an existing account, whose test key is another one: refused.
    expect(clash.status).toBe(400);
    expect(clash.body.errors[0]).toMatchObject({
      field: "test_key",
      message: expect.stringMatching(/already has another test key/),
    });
    const badPlan = await h.api("POST", "/_admin/merchants", {
      key: null,
      body: { plans: ["general_5_0_0"] },
    });
    expect(badPlan.body.errors[0].field).toBe("plans.0");
    const listed = (await h.api("GET", "/_admin/merchants", { key: null })).body.data;
    expect(listed.some((a: { name: string }) => a.name === "Boutique")).toBe(true);
  });
});

describe("what the official clients send in ordinary use", () => {
  it("accepts order.data as [] (PHP's empty array) and null optional address fields", async () => {
    const created = await h.createPayment(
      {
        billing_address: {
          first_name: "Camille",
          line1: "1 rue X",
          line2: null,
          company: null,
          country: "FR",
        },
        shipping_address: { line2: null, company: null, state_province: null, country: "FR" },
        locale: null,
        custom_data: null,
      },
      { order: { merchant_reference: "#7", data: [], comment: null }, customer: { phone: null } },
    );
    expect(created.status).toBe(200);
    expect(created.body.orders[0].data).toEqual({});
  });

  it("still refuses order.data that is a non-empty list", async () => {
    const created = await h.createPayment({}, { order: { merchant_reference: "#8", data: [1] } });
    expect(created.status).toBe(400);
    expect(created.body.errors[0].field).toMatch(/^order\.data/);
  });
});

describe("errors in Alma's shapes", () => {
  it("validation errors: {error_code: validation_error, errors: [{message}]} like the recorded refund error", async () => {
    const recorded = loadAlmaFixture("errors/validation-error-refund");
    const answer = await h.api("POST", "/v1/payments", { body: { payment: { purchase_amount: -1 } } });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.body).sort()).toEqual(Object.keys(recorded).sort());
    expect(answer.body.error_code).toBe("validation_error");
    for (const error of answer.body.errors) expect(error.message).toEqual(expect.any(String));
  });

  it("unknown objects: 404 {error_code, object_type, value} and no message", async () => {
    for (const [path, type] of [
      ["/v1/payments/payment_11nothere", "payment"],
      ["/v1/orders/order_nothere", "order"],
      ["/v1/webhooks/webhook_nothere", "webhook"],
    ] as const) {
      const answer = await h.api("GET", path);
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({
        error_code: "not_found",
        object_type: type,
        value: path.split("/").at(-1),
      });
    }
  });
});

describe("orders (PHP Orders endpoint: fetchAll, fetch, update, addTracking, sendStatus)", () => {
  it("lists the merchant's orders newest first, paged with limit, starting_after and has_more", async () => {
    const account = h.server.sandbox.merchants.provision({});
    const key = account.test.api_key;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await h.createPayment({}, { order: { merchant_reference: `#${i}` } }, key);
      ids.push(created.body.orders[0].id);
    }
    const first = await h.api("GET", "/v1/orders?limit=2", { key });
    expect(first.body).toEqual({ data: [expect.any(Object), expect.any(Object)], has_more: true });
    expect(first.body.data.map((o: { id: string }) => o.id)).toEqual([ids[4], ids[3]]);
    const second = await h.api("GET", `/v1/orders?limit=2&starting_after=${ids[3]}`, { key });
    expect(second.body.data.map((o: { id: string }) => o.id)).toEqual([ids[2], ids[1]]);
    const last = await h.api("GET", `/v1/orders?limit=2&starting_after=${ids[1]}`, { key });
    expect(last.body).toEqual({ data: [expect.objectContaining({ id: ids[0] })], has_more: false });
    const recorded = loadAlmaFixture("orders/list")[0];
    for (const field of Object.keys(recorded)) expect(first.body.data[0]).toHaveProperty(field);
    // Another merchant sees none of them; a cursor it does not own is not found.
    expect(
      (await h.api("GET", "/v1/orders", { key: OTHER_KEY })).body.data.map((o: { id: string }) => o.id),
    ).not.toContain(ids[0]);
    expect((await h.api("GET", `/v1/orders?starting_after=${ids[0]}`, { key: OTHER_KEY })).status).toBe(404);
    for (const query of ["limit=0", "limit=abc", "limit=101"]) {
      expect((await h.api("GET", `/v1/orders?${query}`, { key })).status, query).toBe(400);
    }
  });

  it("fetches and updates an order by id with POST (PHP 2.x) and PUT (PHP 3, Python)", async () => {
    const payment = await accepted();
    const id = payment.orders[0].id;
    expect((await h.api("GET", `/v1/orders/${id}`)).body).toMatchObject({ id, payment: payment.id });
    const posted = await h.api("POST", `/v1/orders/${id}`, {
      body: { merchant_reference: "#1-A", data: [] },
    });
    expect(posted.body).toMatchObject({ id, merchant_reference: "#1-A", data: {} });
    const put = await h.api("PUT", `/v1/orders/${id}`, { body: { comment: "gift", customer_url: null } });
    expect(put.body).toMatchObject({ merchant_reference: "#1-A", comment: "gift", customer_url: null });
    expect((await h.api("GET", `/v1/payments/${payment.id}`)).body.orders[0].comment).toBe("gift");
    const bad = await h.api("PUT", `/v1/orders/${id}`, { body: { merchant_reference: "", unknown: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "body",
      "merchant_reference",
    ]);
    expect((await h.api("GET", `/v1/orders/${id}`, { key: OTHER_KEY })).status).toBe(404);
  });

  it("records a shipment (carrier, tracking_number, tracking_url) on the order", async () => {
    const payment = await accepted();
    const id = payment.orders[0].id;
    const shipped = await h.api("POST", `/v2/orders/${id}/shipment`, {
      body: {
        carrier: "Colissimo",
        tracking_number: "6A123",
        tracking_url: "https://www.laposte.fr/suivi?code=6A123",
      },
    });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ carrier: "Colissimo", tracking_number: "6A123" });
    const noUrl = await h.api("POST", `/v2/orders/${id}/shipment`, {
      body: { carrier: "UPS", tracking_number: "1Z", tracking_url: null },
    });
    expect(noUrl.body).toMatchObject({ carrier: "UPS", tracking_number: "1Z", tracking_url: null });
    const missing = await h.api("POST", `/v2/orders/${id}/shipment`, { body: { tracking_url: "ftp://x" } });
    expect(missing.status).toBe(400);
    expect(missing.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "carrier",
      "tracking_number",
      "tracking_url",
    ]);
    expect(
      (
        await h.api("POST", "/v2/orders/order_nothere/shipment", {
          body: { carrier: "x", tracking_number: "y" },
        })
      ).status,
    ).toBe(404);
  });

  it("takes a status with a boolean is_shipped (v2, deprecated but still sent)", async () => {
    const payment = await accepted();
    const id = payment.orders[0].id;
    const ok = await h.api("POST", `/v2/orders/${id}/status`, {
      body: { status: "shipped", is_shipped: true },
    });
    expect(ok.body).toMatchObject({ status: "shipped", is_shipped: true });
    const noBool = await h.api("POST", `/v2/orders/${id}/status`, {
      body: { status: "shipped", is_shipped: null },
    });
    expect(noBool.status).toBe(400);
    expect(noBool.body.errors[0].field).toBe("is_shipped");
  });
});

describe("business events", () => {
  it("records cart_initiated and order_confirmed, with the payment id exactly when paid with Alma", async () => {
    const key = h.server.sandbox.merchants.provision({}).test.api_key;
    const post = (body: unknown) => h.api("POST", "/v1/me/business-events", { key, body });
    expect((await post({ event_type: "cart_initiated", cart_id: "54" })).status).toBe(204);
    const confirmed = {
      event_type: "order_confirmed",
      is_alma_p1x: false,
      is_alma_bnpl: true,
      was_bnpl_eligible: true,
      order_id: "42",
      cart_id: "54",
    };
    const missing = await post(confirmed);
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0].field).toBe("alma_payment_id");
    expect((await post({ ...confirmed, alma_payment_id: "payment_11abc" })).status).toBe(204);
    const notAlma = { ...confirmed, is_alma_bnpl: false };
    expect((await post(notAlma)).status).toBe(204);
    expect((await post({ ...notAlma, alma_payment_id: "payment_11abc" })).status).toBe(400);
    expect((await post({ event_type: "order_shipped", cart_id: "54" })).status).toBe(400);
    expect((await post({ ...confirmed, is_alma_p1x: "no", alma_payment_id: "payment_11abc" })).status).toBe(
      400,
    );
    const me = (await h.api("GET", "/v1/me", { key })).body.id;
    const recorded = (await h.api("GET", `/_admin/business-events?merchant_id=${me}`, { key: null })).body
      .data;
    expect(recorded.map((e: { event_type: string }) => e.event_type)).toEqual([
      "cart_initiated",
      "order_confirmed",
      "order_confirmed",
    ]);
  });
});

describe("share of checkout", () => {
  it("answers 404 before any share, then the last period shared, under both GET paths", async () => {
    const key = h.server.sandbox.merchants.provision({}).test.api_key;
    expect((await h.api("GET", "/v1/share-of-checkout/last-update-dates", { key })).status).toBe(404);
    const day = (date: string) => ({
      start_time: `${date} 00:00:00`,
      end_time: `${date} 23:59:59`,
      orders: [{ total_order_count: 3, total_amount: 45000, currency: "EUR" }],
      payment_methods: [
        { payment_method_name: "alma", orders: [{ order_count: 1, amount: 30000, currency: "EUR" }] },
      ],
    });
    const shared = await h.api("PUT", "/v1/share-of-checkout", { key, body: day("2026-01-14") });
    expect(shared.status).toBe(200);
    expect(shared.body).toMatchObject({
      start_time: Date.UTC(2026, 0, 14) / 1000,
      end_time: Date.UTC(2026, 0, 15) / 1000 - 1,
    });
    await h.api("PUT", "/v1/share-of-checkout", { key, body: day("2026-01-15") });
    for (const path of ["/v1/share-of-checkout", "/v1/share-of-checkout/last-update-dates"]) {
      const last = await h.api("GET", path, { key });
      expect(last.body.end_time, path).toBe(Date.UTC(2026, 0, 16) / 1000 - 1);
    }
    const bad = await h.api("PUT", "/v1/share-of-checkout", {
      key,
      body: {
        ...day("2026-01-16"),
        start_time: "2026-01-16",
        orders: [{ total_order_count: -1, total_amount: 1.5, currency: "euro" }],
      },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      "orders.0.currency",
      "orders.0.total_amount",
      "orders.0.total_order_count",
      "start_time",
    ]);
  });
});

describe("webhooks and integrations configuration", () => {
  it("creates, lists, fetches and deletes webhooks, each merchant its own", async () => {
    const created = await h.api("POST", "/v1/webhooks", {
      body: { type: "integration_capabilities", url: "https://shop.example/alma/capabilities" },
    });
    expect(created.body).toEqual({
      id: expect.stringMatching(/^webhook_/),
      type: "integration_capabilities",
      url: "https://shop.example/alma/capabilities",
    });
    const id = created.body.id;
    expect((await h.api("GET", "/v1/webhooks")).body.data).toContainEqual(created.body);
    expect((await h.api("GET", `/v1/webhooks/${id}`)).body).toEqual(created.body);
    expect((await h.api("GET", `/v1/webhooks/${id}`, { key: OTHER_KEY })).status).toBe(404);
    expect((await h.api("DELETE", `/v1/webhooks/${id}`, { key: OTHER_KEY })).status).toBe(404);
    expect((await h.api("DELETE", `/v1/webhooks/${id}`)).status).toBe(204);
    expect((await h.api("GET", `/v1/webhooks/${id}`)).status).toBe(404);
    const bad = await h.api("POST", "/v1/webhooks", { body: { type: "payment_late", url: "javascript:x" } });
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(["type", "url"]);
  });

  it("records the CMS data URL of PUT /v1/integration-configuration/api", async () => {
    const put = await h.api("PUT", "/v1/integration-configuration/api", {
      body: { collect_data_url: "https://shop.example/alma/collect" },
    });
    expect(put.status).toBe(204);
    const recorded = (await h.api("GET", "/_admin/integrations", { key: null })).body.data;
    expect(recorded.map((r: { collect_data_url: string }) => r.collect_data_url)).toContain(
      "https://shop.example/alma/collect",
    );
    expect((await h.api("PUT", "/v1/integration-configuration/api", { body: {} })).status).toBe(400);
  });
});

describe("refund arithmetic (fixtures/alma/payments/*-refunded.json)", () => {
  it("splits refunds like the fixtures: partial from the last instalments, full = collected + rebate", async () => {
    const partialFixture = loadAlmaFixture("payments/partially-refunded");
    const fullFixture = loadAlmaFixture("payments/fully-refunded");
    const payment = await accepted(KEY, { purchase_amount: 35199 });
    const partial = (await h.api("POST", `/v1/payments/${payment.id}/refund`, { body: { amount: 5000 } }))
      .body;
    const [fixtureRefund] = partialFixture.refunds;
    expect(partial.refunds[0]).toMatchObject({
      amount: fixtureRefund.amount,
      rebate_amount: fixtureRefund.rebate_amount,
      payment_refund_amount: fixtureRefund.payment_refund_amount,
    });
    const purchases = (p: { payment_plan: { purchase_amount: number }[] }) =>
      p.payment_plan.map((i) => i.purchase_amount);
    expect(purchases(partial)).toEqual(purchases(partialFixture));
    expect(partial.amount_already_refunded).toBe(partialFixture.amount_already_refunded);

    const full = (await h.api("POST", `/v1/payments/${payment.id}/refund`, { body: {} })).body;
    const last = full.refunds[1];
    expect(last.amount).toBe(last.payment_refund_amount + last.rebate_amount);
    // As in the fully refunded fixture: the sum of refunds, customer fee included.
    expect(fullFixture.amount_already_refunded).toBe(fullFixture.purchase_amount + fullFixture.customer_fee);
    expect(full.amount_already_refunded).toBe(full.purchase_amount + full.customer_fee);
    expect(full).toMatchObject({ is_completely_refunded: true, customer_fees_refunded: full.customer_fee });
    expect(full.payment_plan.slice(1).map((i: { state: string }) => i.state)).toEqual(["paid", "paid"]);
  });
});
