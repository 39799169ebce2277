import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { type HttpExchange, httpExchange } from "../http/http-exchange.ts";
import { AlmaConnectionError, AlmaInputValidationError, AlmaInvalidRequestError } from "./errors.ts";
import { loadFixture } from "./testing/load-fixture.ts";
import { createTestClient, expectedHeaders, sandboxUrl } from "./testing/test-client.ts";

const pid = "payment_11uPRjP4L9Dgbttx4cWbL5Jc8TV0gEgQQn";
const refundPath = `/v1/payments/${pid}/refund`;
const api = () => nock(sandboxUrl, { reqheaders: expectedHeaders });
const reset = () => Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("payments.refund", () => {
  it("POSTs amount, merchant_reference and comment, and returns the payment", async () => {
    const scope = api()
      .post(refundPath, { amount: 5000, merchant_reference: "wc-refund-4821", comment: "Damaged item" })
      .reply(200, loadFixture("payments/partially-refunded"));
    const { alma } = createTestClient();
    const payment = await alma.payments.refund(pid, {
      amount: 5000,
      merchantReference: "wc-refund-4821",
      comment: "Damaged item",
    });
    expect(payment.refunds).toEqual([
      expect.objectContaining({ amount: 5000, merchant_reference: "wc-refund-4821" }),
    ]);
    scope.done();
  });

  it("omits amount for a full refund", async () => {
    const scope = api()
      .post(refundPath, { merchant_reference: "shopify-refund-9182736450" })
      .reply(200, loadFixture("payments/fully-refunded"));
    const { alma } = createTestClient();
    const payment = await alma.payments.refund(pid, { merchantReference: "shopify-refund-9182736450" });
    expect(payment.is_completely_refunded).toBe(true);
    scope.done();
  });

  it.each([0, -100, 12.5, Number.NaN])("refuses amount %s locally", async (amount) => {
    const { alma } = createTestClient();
    const error = await alma.payments
      .refund(pid, { amount, merchantReference: "r-1" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlmaInputValidationError);
    expect((error as AlmaInputValidationError).fieldErrors[0]?.field).toBe("refund.amount");
  });

  it("refuses an empty merchant reference locally", async () => {
    const { alma } = createTestClient();
    await expect(alma.payments.refund(pid, { merchantReference: "" })).rejects.toBeInstanceOf(
      AlmaInputValidationError,
    );
  });

  it("surfaces Alma's validation error (refund above the purchase amount) without retrying", async () => {
    const scope = api()
      .post(refundPath)
      .once()
      .reply(400, loadFixture("errors/validation-error-refund"), { "x-request-id": "req_refund" });
    const { alma, sleeps } = createTestClient();
    const error = await alma.payments
      .refund(pid, { amount: 99_999_999, merchantReference: "r-2" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlmaInvalidRequestError);
    expect(error).toMatchObject({
      status: 400,
      requestId: "req_refund",
      message: "Le montant à rembourser ne peut pas être supérieur au montant de l'achat.",
      fieldErrors: [{ message: "Le montant à rembourser ne peut pas être supérieur au montant de l'achat." }],
    });
    expect(sleeps).toEqual([]);
    scope.done();
  });
});

describe("payments.refund with a lost response", () => {
  it("finds the refund on the payment and does not send it again", async () => {
    const refund = api().post(refundPath).once().replyWithError(reset());
    const check = api()
      .get(`/v1/payments/${pid}`)
      .once()
      .reply(200, loadFixture("payments/partially-refunded"));
    const { alma } = createTestClient();
    const payment = await alma.payments.refund(pid, { amount: 5000, merchantReference: "wc-refund-4821" });
    expect(payment.amount_already_refunded).toBe(5000);
    refund.done();
    check.done();
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("resends once when the payment shows no such refund", async () => {
    const scope = api()
      .post(refundPath, { amount: 5000, merchant_reference: "wc-refund-4821" })
      .reply(502)
      .get(`/v1/payments/${pid}`)
      .reply(200, loadFixture("payments/in-progress-3x"))
      .post(refundPath, { amount: 5000, merchant_reference: "wc-refund-4821" })
      .reply(200, loadFixture("payments/partially-refunded"));
    const { alma } = createTestClient();
    const payment = await alma.payments.refund(pid, { amount: 5000, merchantReference: "wc-refund-4821" });
    expect(payment.refunds).toHaveLength(1);
    scope.done();
  });

  it("treats a timeout as lost: the POST reached Alma, the refund is found, no second POST", async () => {
    const refund = api().post(refundPath).once().reply(200, loadFixture("payments/partially-refunded"));
    const check = api()
      .get(`/v1/payments/${pid}`)
      .once()
      .reply(200, loadFixture("payments/partially-refunded"));
    let posts = 0;
    // The timeout is simulated after the request has really been sent (and matched by nock).
    const answerThenTimeOut: HttpExchange = async (input, init) => {
      const response = await httpExchange(input, init);
      if (init.method !== "POST") return response;
      posts += 1;
      throw new DOMException("The operation was aborted due to timeout", "TimeoutError");
    };
    const { alma } = createTestClient({ exchange: answerThenTimeOut });
    const payment = await alma.payments.refund(pid, { amount: 5000, merchantReference: "wc-refund-4821" });
    expect(payment.refunds[0]?.merchant_reference).toBe("wc-refund-4821");
    expect(posts).toBe(1);
    refund.done();
    check.done();
  });

  it("rethrows the original failure when the payment cannot be checked", async () => {
    api().post(refundPath).once().replyWithError(reset());
    api().get(`/v1/payments/${pid}`).times(4).reply(503);
    const { alma } = createTestClient();
    await expect(
      alma.payments.refund(pid, { amount: 5000, merchantReference: "wc-refund-4821" }),
    ).rejects.toMatchObject({ constructor: AlmaConnectionError, code: "ECONNRESET" });
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe("payments.trigger with a lost response", () => {
  const tpid = "payment_11uQmN3wZ8rKcV5bXyT2LpD7fHsJ4gEaUo";

  it("returns the payment when deferred_trigger_applied shows the trigger happened", async () => {
    const scope = api()
      .post(`/v1/payments/${tpid}/trigger`)
      .replyWithError(reset())
      .get(`/v1/payments/${tpid}`)
      .reply(200, loadFixture("payments/triggered"));
    const { alma } = createTestClient();
    const payment = await alma.payments.trigger(tpid);
    expect(payment.state).toBe("in_progress");
    scope.done();
  });

  it("triggers again when it had not been applied", async () => {
    const scope = api()
      .post(`/v1/payments/${tpid}/trigger`)
      .reply(500)
      .get(`/v1/payments/${tpid}`)
      .reply(200, loadFixture("payments/awaiting-trigger"))
      .post(`/v1/payments/${tpid}/trigger`)
      .reply(200, loadFixture("payments/triggered"));
    const { alma } = createTestClient();
    await alma.payments.trigger(tpid);
    scope.done();
  });
});
