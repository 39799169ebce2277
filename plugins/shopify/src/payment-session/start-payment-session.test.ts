import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { pageLinks } from "../checkout-pages/page-links.ts";
import type { MutationPayload } from "../session-mutations/mutation-job.ts";
import { paymentSession } from "../testing/shopify-requests.ts";
import {
  ALMA_TEST_URL,
  almaPayment,
  memoryStorage,
  silentLogger,
  unitAlma,
} from "../testing/unit-support.ts";
import { paymentSessionRequestSchema } from "./payment-session-request.ts";
import { startPaymentSession } from "./start-payment-session.ts";

const eligible3x = {
  eligible: true,
  installments_count: 3,
  deferred_days: 0,
  deferred_months: 0,
  payment_plan: [
    {
      due_date: 1_780_000_000,
      purchase_amount: 10000,
      customer_fee: 0,
      customer_interest: 0,
      total_amount: 10000,
    },
  ],
};

async function setup() {
  const storage = await memoryStorage();
  const plan = {
    key: "general_3_0_0",
    enabled: true,
    minCents: 5000,
    maxCents: 200000,
    almaMinCents: 5000,
    almaMaxCents: 200000,
    triggerLimitDays: 30,
  };
  const { tenant } = await storage.createTenant({
    platform: "shopify",
    externalId: "start.myshopify.com",
    name: "start",
    almaMode: "test",
    settings: { ready: true, plans: [plan] },
  });
  const deps = {
    storage,
    almaFor: async () => unitAlma(),
    publicUrl: "https://app.example",
    links: pageLinks({ publicUrl: "https://app.example", signingKey: "k" }),
    now: () => 1_000_000,
    logger: silentLogger,
  };
  const request = (overrides: Record<string, unknown> = {}) =>
    paymentSessionRequestSchema.parse(paymentSession("sale-3x", { amount: "300.00", ...overrides }));
  return { storage, tenant, deps, request };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.isDone()).toBe(true);
  nock.cleanAll();
});

describe("startPaymentSession", () => {
  it("answers a retry with the first answer, without asking Alma again", async () => {
    const { tenant, deps, request } = await setup();
    nock(ALMA_TEST_URL).post("/v2/payments/eligibility").reply(200, [eligible3x]);
    nock(ALMA_TEST_URL)
      .post("/v1/payments")
      .reply(200, almaPayment({ id: "payment_11start" }));
    const body = request();
    const first = await startPaymentSession(deps, tenant, body);
    expect(first).toEqual({ ok: true, created: true, redirectUrl: almaPayment().url });
    expect(await startPaymentSession(deps, tenant, body)).toEqual({
      ok: true,
      created: false,
      redirectUrl: almaPayment().url,
    });
  });

  it("saves the one plan, Alma's payment and the answer in two commits after the session's own", async () => {
    const { storage, tenant, deps, request } = await setup();
    nock(ALMA_TEST_URL).post("/v2/payments/eligibility").reply(200, [eligible3x]);
    nock(ALMA_TEST_URL)
      .post("/v1/payments")
      .reply(200, almaPayment({ id: "payment_11single" }));
    let commits = 0;
    const counting = Object.create(storage, {
      transaction: {
        value: (fn: Parameters<typeof storage.transaction>[0]) => {
          commits++;
          return storage.transaction(fn);
        },
      },
    }) as typeof storage;
    const body = request();
    const answer = await startPaymentSession({ ...deps, storage: counting }, tenant, body);
    expect(answer).toMatchObject({ ok: true, redirectUrl: almaPayment().url });
    // Recording the session, claiming the creation (with the offer), saving the payment (with the answer).
    expect(commits).toBe(3);
    const link = (await storage.findPaymentByOrderRef(tenant.id, body.id))!;
    expect(link.almaPaymentId).toBe("payment_11single");
    expect(link.custom.shopifySession).toMatchObject({
      offers: [{ planKey: "general_3_0_0", installmentsCount: 3 }],
      almaUrl: almaPayment().url,
      redirectUrl: almaPayment().url,
      customer: null,
    });
  });

  it("sends the buyer to the plan picker, the plan recorded, when Alma fails to create the payment", async () => {
    const { storage, tenant, deps, request } = await setup();
    nock(ALMA_TEST_URL).post("/v2/payments/eligibility").reply(200, [eligible3x]);
    nock(ALMA_TEST_URL).post("/v1/payments").reply(503, { error: "maintenance" });
    const body = request();
    const answer = await startPaymentSession(deps, tenant, body);
    expect(answer).toMatchObject({ ok: true, redirectUrl: expect.stringContaining("/shopify/checkout/") });
    const link = (await storage.findPaymentByOrderRef(tenant.id, body.id))!;
    expect(link.almaPaymentId).toBeNull();
    expect(link.custom.shopifySession).toMatchObject({
      offers: [{ planKey: "general_3_0_0" }],
      almaUrl: null,
      redirectUrl: answer.ok ? answer.redirectUrl : "",
    });
    // The claim passed on: the buyer's choice on the picker creates the payment at once.
    expect(link.custom.almaCreation).toMatchObject({ generation: 1, claimedAt: null });
  });

  it("refuses a reused session id with other content, and amounts that are not money", async () => {
    const { tenant, deps, request } = await setup();
    nock(ALMA_TEST_URL).post("/v2/payments/eligibility").reply(200, [eligible3x]);
    nock(ALMA_TEST_URL).post("/v1/payments").reply(200, almaPayment());
    const body = request();
    await startPaymentSession(deps, tenant, body);
    expect(await startPaymentSession(deps, tenant, { ...body, amount: "301.00" })).toMatchObject({
      ok: false,
      status: 409,
    });
    expect(await startPaymentSession(deps, tenant, request({ amount: "0.00" }))).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(await startPaymentSession(deps, tenant, request({ amount: "1,5" }))).toMatchObject({
      ok: false,
      status: 400,
    });
  });

  it("rejects the session when Alma refuses to create the payment, rather than failing forever", async () => {
    const { storage, tenant, deps, request } = await setup();
    nock(ALMA_TEST_URL).post("/v2/payments/eligibility").reply(200, [eligible3x]);
    nock(ALMA_TEST_URL)
      .post("/v1/payments")
      .reply(400, {
        error_code: "validation_error",
        errors: [{ field: "payment.billing_address", message: "pays non couvert" }],
      });
    const body = request();
    const answer = await startPaymentSession(deps, tenant, body);
    expect(answer).toMatchObject({ ok: true, redirectUrl: expect.stringContaining("/shopify/checkout/") });
    const link = (await storage.findPaymentByOrderRef(tenant.id, body.id))!;
    expect(link.state).toBe("refused");
    expect(link.custom.shopifySession).toMatchObject({
      customer: null,
      rejection: { code: "PROCESSING_ERROR" },
    });
    const [job] = await storage.listJobs({ type: "shopify:mutation" });
    expect((job!.payload as MutationPayload).name).toBe("paymentSessionReject");
  });
});
