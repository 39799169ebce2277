import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ALMA_URL, type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { checkoutViewCheck } from "../testing/contract-checks.ts";
import { almaEligibility, almaFeePlans, almaPayment, capture, loadFixture } from "../testing/fixtures.ts";
import { setupMerchant } from "../testing/merchant-setup.ts";
import { BACKENDS } from "../testing/test-storage.ts";
import { eligibilityViewSchema } from "./checkout-schema.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  let key: string;
  let base: string;
  let tenantId: string;
  const basket = () => loadFixture<Record<string, unknown>>("bridge", "checkouts/basket-3x");

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    h = await startBridgeHarness({ postgres });
  });
  beforeEach(async () => {
    const setup = await setupMerchant(h, `shop-${Math.random().toString(36).slice(2, 8)}`);
    ({ key, base } = setup);
    tenantId = setup.merchant.id;
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    nock.enableNetConnect();
    await h.close();
  });

  function almaCreates(sent: { body?: Record<string, unknown> } = {}, id = "payment_11bridgeCheckout0001") {
    nock(ALMA_URL)
      .post("/v1/payments", capture(sent))
      .reply(
        200,
        almaPayment({ id, state: "not_started", purchase_amount: 45000, url: `https://checkout.test/${id}` }),
      );
  }

  describe("checkouts", () => {
    it("lists the plans a basket is eligible to when no plan is chosen", async () => {
      almaFeePlans();
      almaEligibility();
      const answer = await h.api("POST", `${base}/checkouts`, {
        key,
        body: loadFixture("bridge", "checkouts/basket-no-plan"),
      });
      expect(answer.status).toBe(200);
      const view = eligibilityViewSchema.parse(answer.body);
      expect(view.plans.map((p) => [p.plan, p.eligible, p.payment_upon_trigger_available])).toEqual([
        ["general_1_0_0", false, false],
        ["general_1_30_0", false, false],
        ["general_2_0_0", true, true],
        ["general_3_0_0", true, true],
        ["general_4_0_0", true, true],
      ]);
      expect(view.plans[3]?.instalments).toEqual([
        { due_date: "2026-01-15", amount: 15000, purchase_amount: 15000, customer_fee: 0 },
        { due_date: "2026-02-15", amount: 15000, purchase_amount: 15000, customer_fee: 0 },
        { due_date: "2026-03-18", amount: 15000, purchase_amount: 15000, customer_fee: 0 },
      ]);
      expect(await h.storage.listPaymentLinks(tenantId)).toEqual([]);
    });

    it("creates the Alma payment with our IPN, return and cancel URLs and saves its id before answering", async () => {
      almaFeePlans();
      const sent: { body?: Record<string, unknown> } = {};
      almaCreates(sent);
      const answer = await h.api("POST", `${base}/checkouts`, { key, body: basket() });
      expect(answer.status).toBe(201);
      checkoutViewCheck(answer.body);
      expect(answer.body).toMatchObject({
        redirect_url: "https://checkout.test/payment_11bridgeCheckout0001",
        payment: {
          order_reference: "PS-2026-000451",
          amount: 45000,
          status: "pending",
          plan: "general_3_0_0",
          metadata: { cart_id: "8812" },
        },
      });
      const link = await h.storage.findPaymentByOrderRef(tenantId, "PS-2026-000451");
      expect(link?.almaPaymentId).toBe("payment_11bridgeCheckout0001");
      expect(sent.body).toMatchObject({
        payment: {
          purchase_amount: 45000,
          installments_count: 3,
          ipn_callback_url: `${h.url}/alma/ipn/${tenantId}`,
          return_url: `${h.url}/bridge/return/${tenantId}`,
          customer_cancel_url: `${h.url}/bridge/cancel/${tenantId}`,
          custom_data: { tenant_id: tenantId, payment_link_id: link?.id, order_reference: "PS-2026-000451" },
          cart: { items: [{ sku: "LAMP-OAK", quantity: 2, line_price: 35000 }, { sku: "SHADE-LIN" }] },
          billing_address: { country: "FR", city: "Lyon" },
        },
        order: { merchant_reference: "PS-2026-000451" },
        customer: { email: "camille.martin@example.fr" },
      });
    });

    it("hands the checkout's locale to Alma, so its hosted page speaks the shopper's language", async () => {
      for (const [locale, order] of [
        ["en", "PS-LOCALE-EN"],
        ["fr_FR", "PS-LOCALE-FR"],
      ] as const) {
        almaFeePlans();
        const sent: { body?: Record<string, unknown> } = {};
        almaCreates(sent, `payment_11bridgeLocale${locale.replace("_", "")}`);
        const answer = await h.api("POST", `${base}/checkouts`, {
          key,
          body: { ...basket(), order_reference: order, locale },
        });
        expect(answer.status).toBe(201);
        expect((sent.body?.payment as { locale?: string } | undefined)?.locale).toBe(locale);
      }
      const bad = await h.api("POST", `${base}/checkouts`, {
        key,
        body: { ...basket(), order_reference: "PS-LOCALE-BAD", locale: "<script>" },
      });
      expect(bad.status).toBe(422);
    });

    it("answers a repeated checkout of the same order with the same payment, and refuses a different one", async () => {
      almaFeePlans(3);
      almaCreates();
      const first = await h.api("POST", `${base}/checkouts`, { key, body: basket() });
      const again = await h.api("POST", `${base}/checkouts`, { key, body: basket() });
      expect(again.status).toBe(200);
      expect(again.body.payment.id).toBe(first.body.payment.id);
      const other = await h.api("POST", `${base}/checkouts`, { key, body: { ...basket(), amount: 45100 } });
      expect(other.status).toBe(409);
      expect(other.body).toMatchObject({
        type: "/bridge/problems/order-reference-conflict",
        field: "order_reference",
      });
      expect(nock.isDone()).toBe(true);
    });

    it("creates one Alma payment for an order however many requests race without an Idempotency-Key", async () => {
      almaFeePlans(11);
      const create = nock(ALMA_URL)
        .post("/v1/payments")
        .delay(200)
        .reply(
          200,
          almaPayment({
            id: "payment_11race0001",
            state: "not_started",
            purchase_amount: 45000,
            url: "https://checkout.test/race",
          }),
        );
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => h.api("POST", `${base}/checkouts`, { key, body: basket() })),
      );
      expect(create.isDone()).toBe(true);
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      for (const answer of answers.filter((a) => a.status !== 201)) {
        expect([200, 409]).toContain(answer.status);
        if (answer.status === 409) expect(answer.body.type).toBe("/bridge/problems/checkout-in-progress");
        else expect(answer.body.payment.alma_payment_id).toBe("payment_11race0001");
      }
      const again = await h.api("POST", `${base}/checkouts`, { key, body: basket() });
      expect(again.body.redirect_url).toBe("https://checkout.test/race");
    });

    it("keeps a write to the checkout's record that lands while Alma creates the payment", async () => {
      almaFeePlans();
      let landed = false;
      nock(ALMA_URL)
        .post("/v1/payments")
        .reply(200, async () => {
          // Another writer (a GDPR erasure, an operator's note) changes the link meanwhile.
          const link = (await h.storage.findPaymentByOrderRef(tenantId, "PS-2026-000451"))!;
          await h.storage.updatePaymentLink(tenantId, link.id, { custom: { ...link.custom, note: "kept" } });
          landed = true;
          return almaPayment({
            id: "payment_11concurrent01",
            state: "not_started",
            purchase_amount: 45000,
            url: "https://checkout.test/concurrent",
          });
        });
      const answer = await h.api("POST", `${base}/checkouts`, { key, body: basket() });
      expect(answer.status).toBe(201);
      expect(landed).toBe(true);
      const link = await h.storage.findPaymentByOrderRef(tenantId, "PS-2026-000451");
      expect(link?.almaPaymentId).toBe("payment_11concurrent01");
      expect(link?.custom).toMatchObject({
        note: "kept",
        bridge: { payment_url: "https://checkout.test/concurrent" },
      });
    });

    it("refuses locally what Alma would refuse: currency, plan, amount window, trigger", async () => {
      const refuse = async (body: Record<string, unknown>, type: string, field: string) => {
        const answer = await h.api("POST", `${base}/checkouts`, { key, body: { ...basket(), ...body } });
        expect(answer.status, JSON.stringify(answer.body)).toBe(422);
        expect(answer.body).toMatchObject({ type: `/bridge/problems/${type}`, field });
        return answer.body;
      };
      await refuse({ currency: "USD" }, "currency-not-supported", "currency");
      almaFeePlans(5);
      await refuse({ plan: "general_10_0_0" }, "plan-not-allowed", "plan");
      await refuse({ plan: "3x" }, "validation-error", "plan");
      const low = await refuse({ amount: 4999 }, "amount-below-minimum", "amount");
      expect(low.constraints).toEqual({ minimum: 5000, maximum: 200000 });
      await refuse({ amount: 200001 }, "amount-above-maximum", "amount");
      await refuse(
        { plan: "general_1_30_0", payment_upon_trigger: true },
        "validation-error",
        "payment_upon_trigger",
      );
      await refuse({ amount: 450.5 }, "validation-error", "amount");
      await refuse({ return_url: "javascript:alert(1)" }, "validation-error", "return_url");
      expect(await h.storage.listPaymentLinks(tenantId)).toEqual([]);
    });

    it("passes Alma's refusal on with its field, and lets the same order retry", async () => {
      almaFeePlans(2);
      nock(ALMA_URL)
        .post("/v1/payments")
        .reply(400, {
          error_code: "validation_error",
          errors: [{ field: "billing_address.country", message: "Pays non pris en charge" }],
        });
      const refused = await h.api("POST", `${base}/checkouts`, { key, body: basket() });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        type: "/bridge/problems/alma-rejected",
        field: "billing_address.country",
      });
      almaCreates();
      const retried = await h.api("POST", `${base}/checkouts`, { key, body: basket() });
      expect(retried.status).toBe(201);
      expect(h.logs.some((l) => l.level === "warn" && l.message === "bridge request refused")).toBe(true);
    });

    it("answers 503 when Alma cannot be reached", async () => {
      nock(ALMA_URL)
        .get("/v1/me/fee-plans")
        .query(true)
        .replyWithError(Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }));
      const answer = await h.api("POST", `${base}/checkouts`, { key, body: basket() });
      expect(answer.status).toBe(503);
      expect(answer.body.type).toBe("/bridge/problems/alma-unavailable");
    });
  });
});
