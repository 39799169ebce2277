import { describe, expect, it } from "vitest";
import { loadShopifyFixture } from "../testing/shopify-requests.ts";
import { paymentSessionRequestSchema } from "./payment-session-request.ts";

describe("payment session request", () => {
  it("reads the current shape, with cancel_url under payment_method.data", () => {
    const parsed = paymentSessionRequestSchema.parse(loadShopifyFixture("payment-sessions/sale-3x"));
    expect(parsed).toMatchObject({ kind: "sale", currency: "EUR", amount: "450.00", test: true });
    expect(parsed.cancelUrl).toBe("https://alma-demo.myshopify.com/checkouts/c/8f1e2a/payment?cancelled=1");
  });

  it("reads the older shape with a top-level cancel_url and defaults kind and test", () => {
    const { kind: _k, test: _t, ...legacy } = loadShopifyFixture("payment-sessions/legacy-cancel-url");
    const parsed = paymentSessionRequestSchema.parse(legacy);
    expect(parsed).toMatchObject({ kind: "sale", test: false });
    expect(parsed.cancelUrl).toBe("https://alma-demo.myshopify.com/checkouts/c/1e6acy/payment?cancelled=1");
  });

  it.each([
    ["no cancel_url anywhere", { payment_method: { type: "offsite", data: {} }, cancel_url: undefined }],
    ["a gid of another type", { gid: "gid://shopify/RefundSession/1" }],
    ["an unknown kind", { kind: "installments" }],
    ["a cancel_url that is not http(s)", { payment_method: { data: { cancel_url: "javascript:alert(1)" } } }],
    ["a currency that is not ISO 4217", { currency: "EURO" }],
  ])("refuses %s", (_what, change) => {
    const body = { ...loadShopifyFixture("payment-sessions/sale-3x"), ...change };
    expect(paymentSessionRequestSchema.safeParse(body).success).toBe(false);
  });
});
