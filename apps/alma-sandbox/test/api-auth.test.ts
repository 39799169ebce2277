import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, OTHER_KEY, startHarness } from "./sandbox-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

describe("authentication", () => {
  it.each([
    ["no header", { key: null }],
    ["another scheme", { auth: "Bearer sk_test_harness0001" }],
    ["a short key", { key: "sk_test_abc" }],
    ["a key with symbols", { key: "sk_test_abcdefgh!" }],
    ["a well-formed test key never issued", { key: "sk_test_neverIssued0001" }],
    ["a well-formed live key never issued", { key: "sk_live_neverIssued0001" }],
    ["a merchant id on a secret-key route", { auth: "Alma-Merchant-Auth merchant_abcdefgh" }],
  ])("refuses %s with Alma's 401 {message}", async (_name, options) => {
    const response = await h.api("GET", "/v1/me/extended-data", options);
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ message: "Credentials invalid or not supplied" });
  });

  it("gives each key a merchant of its own, with a stable id", async () => {
    const a1 = await h.api("GET", "/v1/me");
    const a2 = await h.api("GET", "/v1/me/extended-data");
    const b = await h.api("GET", "/v1/me", { key: OTHER_KEY });
    expect(a1.body.id).toMatch(/^merchant_[A-Za-z0-9]{20,}$/);
    expect(a2.body.id).toBe(a1.body.id);
    expect(b.body.id).not.toBe(a1.body.id);
  });

  it("hides one merchant's payments from another (404 not_found)", async () => {
    const created = await h.createPayment({});
    const id = created.body.id;
    for (const [method, path] of [
      ["GET", `/v1/payments/${id}`],
      ["PUT", `/v1/payments/${id}/cancel`],
      ["POST", `/v1/payments/${id}/refund`],
      ["GET", `/v1/payments/${id}/orders`],
    ] as const) {
      const response = await h.api(method, path, {
        key: OTHER_KEY,
        body: method === "POST" ? {} : undefined,
      });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(response.body).toEqual({ error_code: "not_found", object_type: "payment", value: id });
    }
    const list = await h.api("GET", "/v1/payments", { key: OTHER_KEY });
    expect(list.body.data.map((p: { id: string }) => p.id)).not.toContain(id);
  });

  it("accepts Alma-Merchant-Auth on eligibility for a merchant it knows", async () => {
    const me = await h.api("GET", "/v1/me");
    const body = { purchase_amount: 30000, queries: [{ installments_count: 3 }] };
    const ok = await h.api("POST", "/v2/payments/eligibility", {
      auth: `Alma-Merchant-Auth ${me.body.id}`,
      body,
    });
    expect(ok.status).toBe(200);
    expect(ok.body[0].eligible).toBe(true);
    const unknown = await h.api("POST", "/v2/payments/eligibility", {
      auth: "Alma-Merchant-Auth merchant_11unknownunknown",
      body,
    });
    expect(unknown.status).toBe(401);
  });
});

describe("bad input never gives a 500", () => {
  it("answers malformed JSON with 400 validation_error", async () => {
    const response = await h.api("POST", "/v1/payments", { body: "{not json" });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("validation_error");
  });

  it("names every invalid field", async () => {
    const response = await h.api("POST", "/v1/payments", {
      body: {
        payment: { purchase_amount: 12.5, installments_count: 13, return_url: "javascript:alert(1)" },
        order: { merchant_reference: "" },
      },
    });
    expect(response.status).toBe(400);
    const fields = response.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual([
      "order.merchant_reference",
      "payment.installments_count",
      "payment.purchase_amount",
      "payment.return_url",
    ]);
    for (const error of response.body.errors) expect(error.message).toEqual(expect.any(String));
  });

  it.each([
    ["POST", "/v1/payments", []],
    ["POST", "/v1/payments", { payment: null }],
    ["POST", "/v1/payments", '"text"'],
    ["POST", "/v2/payments/eligibility", { purchase_amount: 100, queries: [] }],
    ["POST", "/v2/payments/eligibility", { purchase_amount: "1", queries: [{ installments_count: 0 }] }],
    ["GET", "/v1/payments?limit=0", undefined],
    ["GET", "/v1/payments?limit=abc", undefined],
    ["GET", "/v1/me/fee-plans?only=three", undefined],
    ["GET", "/v1/me/fee-plans?deferred=yes", undefined],
  ])("%s %s with %j → 400", async (method, path, body) => {
    const response = await h.api(method, path, { body });
    expect(response.status).toBe(400);
    expect(response.body.error_code).toBe("validation_error");
    expect(response.body.errors.length).toBeGreaterThan(0);
  });

  it("refuses a plan the merchant does not have, and amounts outside the window", async () => {
    const plan = await h.createPayment({ installments_count: 5 });
    expect(plan.status).toBe(400);
    expect(plan.body.errors[0].field).toBe("payment.installments_count");
    const small = await h.createPayment({ purchase_amount: 4999 });
    expect(small.body.errors[0].field).toBe("payment.purchase_amount");
    const trigger = await h.createPayment({ installments_count: 2, deferred: "trigger" });
    expect(trigger.body.errors[0].field).toBe("payment.deferred");
  });

  it("answers a broken %-escape in the URL with 400 JSON", async () => {
    for (const path of ["/v1/payments/%", "/checkout/%E0%A4%A", "/_admin/payments/%"]) {
      const response = await h.api("GET", path);
      expect(response.status, path).toBe(400);
      expect(response.body.errors[0].field).toBe("url");
    }
  });

  it("answers unknown routes with 404 JSON", async () => {
    expect((await h.api("GET", "/v1/unknown")).status).toBe(404);
    expect((await h.api("GET", "/nothing-here", { key: null })).body.error_code).toBe("not_found");
    const outside = await fetch(h.url.replace("/alma-sandbox", "/elsewhere"));
    expect(outside.status).toBe(404);
    expect(await outside.json()).toMatchObject({ error_code: "not_found" });
    const missing = await h.api("GET", "/v1/payments/payment_11doesnotexist");
    expect(missing.body).toEqual({
      error_code: "not_found",
      object_type: "payment",
      value: "payment_11doesnotexist",
    });
  });
});
