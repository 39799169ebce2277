import { describe, expect, it } from "vitest";
import type { Offer } from "../payment-session/session-record.ts";
import { sessionRecord } from "../testing/unit-support.ts";
import { almaPaymentInput } from "./alma-payment-input.ts";

const offer: Offer = {
  planKey: "general_3_0_0",
  installmentsCount: 3,
  deferredDays: 0,
  deferredMonths: 0,
  customerFeeCents: 0,
  totalCostCents: 0,
  annualInterestRate: null,
  schedule: [],
};
const customer = {
  email: "camille@example.com",
  phone: "+33612345678",
  locale: "fr",
  billing: {
    given_name: "Camille",
    family_name: "Durand",
    line1: "12 rue des Lilas",
    city: "Lyon",
    postal_code: "69003",
    country_code: "fr",
  },
  shipping: null,
};
const input = (kind: "sale" | "authorization") =>
  almaPaymentInput({
    publicUrl: "https://app.example",
    failureReturnUrl: "https://app.example/shopify/checkout/ten_1/pay_1?s=sig",
    cancelUrl: "https://app.example/shopify/cancel/ten_1/pay_1/sig",
    tenantId: "ten_1",
    linkId: "pay_1",
    sessionId: "s1",
    amountCents: 45000,
    session: sessionRecord({ kind, customer }),
    offer,
  });

describe("Alma payment for a Shopify session", () => {
  it("points Alma's URLs at our return, cancel and IPN routes and keeps custom_data free of personal data", () => {
    const { payment, order, customer: almaCustomer } = input("sale");
    expect(payment).toMatchObject({
      purchase_amount: 45000,
      installments_count: 3,
      return_url: "https://app.example/shopify/return/ten_1",
      customer_cancel_url: "https://app.example/shopify/cancel/ten_1/pay_1/sig",
      failure_return_url: "https://app.example/shopify/checkout/ten_1/pay_1?s=sig",
      ipn_callback_url: "https://app.example/alma/ipn/ten_1",
      custom_data: {
        tenant_id: "ten_1",
        payment_link_id: "pay_1",
        shopify_session_id: "s1",
        shopify_group: "g1",
      },
      billing_address: {
        first_name: "Camille",
        last_name: "Durand",
        country: "FR",
        email: "camille@example.com",
      },
    });
    expect(JSON.stringify(payment.custom_data)).not.toMatch(/camille|Durand|\+336/i);
    expect(payment.deferred).toBeUndefined();
    expect(order).toEqual({ merchant_reference: "s1" });
    expect(almaCustomer).toMatchObject({
      email: "camille@example.com",
      phone: "+33612345678",
      first_name: "Camille",
    });
  });

  it("makes an authorization a payment upon trigger", () => {
    expect(input("authorization").payment).toMatchObject({ deferred: "trigger" });
  });
});
