import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { acceptedPayment } from "../testing/accept-payment.ts";
import { ALMA_URL, type BridgeHarness, startBridgeHarness } from "../testing/bridge-harness.ts";
import { almaPayment } from "../testing/fixtures.ts";
import { setupMerchant } from "../testing/merchant-setup.ts";
import { BACKENDS } from "../testing/test-storage.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  let setup: Awaited<ReturnType<typeof setupMerchant>>;

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    h = await startBridgeHarness({ postgres });
    setup = await setupMerchant(h);
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    nock.enableNetConnect();
    await h.close();
  });

  const location = (answer: { headers: Headers }) => new URL(answer.headers.get("location") ?? "");

  describe("the customer coming back from Alma", () => {
    it("confirms with Alma and sends an accepted customer to the shop's return_url", async () => {
      const { paymentId, almaId } = await acceptedPayment(h, setup, {
        orderReference: "RET-1",
        almaState: "not_started",
      });
      nock(ALMA_URL)
        .get(`/v1/payments/${almaId}`)
        .reply(200, almaPayment({ id: almaId, state: "in_progress", purchase_amount: 45000 }));
      const back = await h.api("GET", `/bridge/return/${setup.merchant.id}?pid=${almaId}`);
      expect(back.status).toBe(303);
      const target = location(back);
      expect(`${target.origin}${target.pathname}`).toBe("https://shop.test/ok");
      expect(Object.fromEntries(target.searchParams)).toEqual({
        payment_id: paymentId,
        order_reference: "RET-1",
        status: "accepted",
      });
      expect(
        (await h.api("GET", `${setup.base}/payments/${paymentId}`, { key: setup.key })).body.status,
      ).toBe("paid");
    });

    it("sends a refused customer to cancel_url, and one who gave up too, leaving the payment open", async () => {
      const refused = await acceptedPayment(h, setup, { orderReference: "RET-2", almaState: "not_started" });
      nock(ALMA_URL)
        .get(`/v1/payments/${refused.almaId}`)
        .reply(200, almaPayment({ id: refused.almaId, state: "scored_no", purchase_amount: 45000 }));
      const no = await h.api("GET", `/bridge/return/${setup.merchant.id}?pid=${refused.almaId}`);
      expect(location(no).searchParams.get("status")).toBe("refused");
      expect(location(no).pathname).toBe("/ko");

      // Alma's failure_return_url carries our payment id rather than a pid.
      const viaFailure = await acceptedPayment(h, setup, {
        orderReference: "RET-2b",
        almaState: "not_started",
      });
      nock(ALMA_URL)
        .get(`/v1/payments/${viaFailure.almaId}`)
        .reply(200, almaPayment({ id: viaFailure.almaId, state: "scored_no", purchase_amount: 45000 }));
      const failed = await h.api(
        "GET",
        `/bridge/return/${setup.merchant.id}?payment=${viaFailure.paymentId}`,
      );
      expect(Object.fromEntries(location(failed).searchParams)).toMatchObject({
        status: "refused",
        payment_id: viaFailure.paymentId,
      });

      const gaveUp = await acceptedPayment(h, setup, { orderReference: "RET-3", almaState: "not_started" });
      nock(ALMA_URL)
        .get(`/v1/payments/${gaveUp.almaId}`)
        .reply(200, almaPayment({ id: gaveUp.almaId, state: "not_started", purchase_amount: 45000 }));
      const cancel = await h.api("GET", `/bridge/cancel/${setup.merchant.id}?pid=${gaveUp.almaId}`);
      expect(Object.fromEntries(location(cancel).searchParams)).toMatchObject({ status: "cancelled" });
      expect(
        (await h.api("GET", `${setup.base}/payments/${gaveUp.paymentId}`, { key: setup.key })).body.status,
      ).toBe("pending");
    });

    it("tells the shop an attempt failed when the customer leaves through Alma's failure link", async () => {
      // 3-D Secure failure or insufficient funds: Alma keeps the payment open (not_started).
      const attempt = await acceptedPayment(h, setup, { orderReference: "RET-3b", almaState: "not_started" });
      nock(ALMA_URL)
        .get(`/v1/payments/${attempt.almaId}`)
        .reply(200, almaPayment({ id: attempt.almaId, state: "not_started", purchase_amount: 45000 }));
      const failed = await h.api("GET", `/bridge/failure/${setup.merchant.id}?payment=${attempt.paymentId}`);
      expect(location(failed).pathname).toBe("/ko");
      expect(Object.fromEntries(location(failed).searchParams)).toMatchObject({
        status: "failed",
        payment_id: attempt.paymentId,
      });
    });

    it("still redirects when Alma cannot be reached, and refuses unknown or malformed payments", async () => {
      const { almaId } = await acceptedPayment(h, setup, {
        orderReference: "RET-4",
        almaState: "not_started",
      });
      nock(ALMA_URL).get(`/v1/payments/${almaId}`).reply(503, {});
      const down = await h.api("GET", `/bridge/return/${setup.merchant.id}?pid=${almaId}`);
      expect(location(down).searchParams.get("status")).toBe("processing");
      const unknown = await h.api("GET", `/bridge/return/${setup.merchant.id}?pid=payment_11unknown`);
      expect(unknown.body.type).toBe("/bridge/problems/payment-not-found");
      const otherTenant = await h.api("GET", `/bridge/return/ten_nope?pid=${almaId}`);
      expect(otherTenant.status).toBe(404);
      const malformed = await h.api("GET", `/bridge/return/${setup.merchant.id}?pid=<script>`);
      expect(malformed.body).toMatchObject({ status: 422, field: "pid" });
      const missing = await h.api("GET", `/bridge/return/${setup.merchant.id}`);
      expect(missing.body).toMatchObject({ status: 422, field: "pid" });
    });
  });
});
