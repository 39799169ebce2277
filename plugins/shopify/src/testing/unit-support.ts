import { AlmaClient } from "@alma-suite/core";
import { memoryStorage } from "@alma-suite/core/testing";
import type { SessionRecord } from "../payment-session/session-record.ts";

/** Unit tests' Alma: a client for a host nock answers, without retries or waits. */
export const ALMA_TEST_URL = "https://alma.unit.test";
export function unitAlma(): AlmaClient {
  return new AlmaClient({
    apiKey: "sk_test_unitTestKey0001",
    baseUrl: ALMA_TEST_URL,
    maxRetries: 0,
    sleep: async () => {},
  });
}

export const silentLogger = { info() {}, warn() {}, error() {}, debug() {} };

export { memoryStorage };

export function sessionRecord(overrides: Partial<SessionRecord> = {}): SessionRecord {
  return {
    gid: "gid://shopify/PaymentSession/s1",
    group: "g1",
    kind: "sale",
    test: true,
    cancelUrl: "https://a.myshopify.com/checkouts/c/s1/payment",
    proposedAt: null,
    merchantLocale: "fr",
    customer: null,
    offers: null,
    rejection: null,
    almaUrl: null,
    redirectUrl: null,
    redacted: false,
    ...overrides,
  };
}

/** A fresh in-memory store with one shop and one payment session's link (30,000 cents). */
export async function sessionLink(overrides: Partial<SessionRecord> = {}) {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({
    platform: "shopify",
    externalId: "a.myshopify.com",
    name: "a",
  });
  const { link } = await storage.createPaymentLink({
    tenantId: tenant.id,
    platformOrderRef: "s1",
    amountCents: 30000,
    currency: "EUR",
    custom: { shopifySession: { ...sessionRecord(overrides) } },
  });
  return { storage, tenantId: tenant.id, link };
}

/** A minimal Alma payment body, as the API returns it. */
export function almaPayment(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: "payment_11unitTest",
    state: "in_progress",
    kind: "P3X",
    url: "https://checkout.sandbox.getalma.eu/payment_11unitTest",
    purchase_amount: 30000,
    installments_count: 3,
    deferred_days: 0,
    deferred_months: 0,
    customer_fee: 0,
    customer_interest: 0,
    amount_already_refunded: 0,
    payment_plan: [],
    refunds: [],
    orders: [],
    custom_data: null,
    expired_at: null,
    ...fields,
  };
}
