import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlmaAuthenticationError, AlmaInputValidationError, AlmaNotFoundError } from "./errors.ts";
import { loadFixture, loadFixtureObject } from "./testing/load-fixture.ts";
import { createTestClient, expectedHeaders, sandboxUrl } from "./testing/test-client.ts";

const pid = "payment_11uPRjP4L9Dgbttx4cWbL5Jc8TV0gEgQQn";
const alma = () => createTestClient().alma;
const api = () => nock(sandboxUrl, { reqheaders: expectedHeaders });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("payments.create", () => {
  const input = {
    payment: {
      purchase_amount: 35199,
      installments_count: 3,
      return_url: "https://alma.example.com/alma/return/tnt_demo",
      ipn_callback_url: "https://alma.example.com/alma/ipn/tnt_demo",
      custom_data: { tenant_id: "tnt_demo", order_reference: "#1042" },
      billing_address: { first_name: "Camille", country: "FR" },
      cart: { items: [{ title: "Lampe", quantity: 1, unit_price: 35199, line_price: 35199 }] },
      capture_method: "automatic",
    },
    order: { merchant_reference: "#1042" },
    customer: { email: "camille.durand@example.fr" },
  };

  it("POSTs {payment, order, customer} as given, unknown fields included", async () => {
    const scope = api()
      .matchHeader("content-type", "application/json")
      .post("/v1/payments", input)
      .reply(200, loadFixture("payments/in-progress-3x"));
    const payment = await alma().payments.create(input);
    expect(payment).toMatchObject({ id: pid, state: "in_progress", purchase_amount: 35199 });
    scope.done();
  });

  it("refuses a non-integer or missing amount locally, before any request", async () => {
    const bad = { payment: { ...input.payment, purchase_amount: 351.99 } };
    const error = await alma()
      .payments.create(bad)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlmaInputValidationError);
    expect((error as AlmaInputValidationError).fieldErrors[0]?.field).toBe(
      "payment creation.payment.purchase_amount",
    );
    await expect(alma().payments.create({ payment: {} } as never)).rejects.toThrow(
      "payment creation.payment.purchase_amount: Required",
    );
  });
});

describe("payments.fetch", () => {
  it("GETs the payment by id", async () => {
    const scope = api().get(`/v1/payments/${pid}`).reply(200, loadFixture("payments/in-progress-3x"));
    const payment = await alma().payments.fetch(pid);
    expect(payment.payment_plan).toHaveLength(3);
    scope.done();
  });

  it("maps a 404 to AlmaNotFoundError", async () => {
    api().get("/v1/payments/payment_unknown").reply(404, loadFixture("errors/not-found"), {
      "x-request-id": "req_404",
    });
    await expect(alma().payments.fetch("payment_unknown")).rejects.toMatchObject({
      constructor: AlmaNotFoundError,
      status: 404,
      requestId: "req_404",
    });
  });

  it("names the missing field when Alma's payment lacks purchase_amount", async () => {
    const raw = loadFixtureObject("payments/in-progress-3x");
    delete raw.purchase_amount;
    api().get(`/v1/payments/${pid}`).reply(200, raw);
    await expect(alma().payments.fetch(pid)).rejects.toThrow(
      `Unexpected response to GET /v1/payments/${pid}: payment.purchase_amount: Required`,
    );
  });

  it("encodes the id and refuses an empty one (which would hit the list endpoint)", async () => {
    const scope = api().get("/v1/payments/a%2Fb").reply(200, loadFixture("payments/in-progress-3x"));
    await alma().payments.fetch("a/b");
    scope.done();
    await expect(alma().payments.fetch("")).rejects.toBeInstanceOf(AlmaInputValidationError);
  });
});

describe("payments.list and listAll", () => {
  it("passes limit, starting_after and comma-joined states", async () => {
    const scope = api()
      .get("/v1/payments")
      .query({ limit: "2", starting_after: "payment_abc", state: "in_progress,paid" })
      .reply(200, loadFixture("payments/list-page-1"));
    const page = await alma().payments.list({
      limit: 2,
      startingAfter: "payment_abc",
      states: ["in_progress", "paid"],
    });
    expect(page.has_more).toBe(true);
    expect(page.data).toHaveLength(2);
    scope.done();
  });

  it("sends no query at all without a filter", async () => {
    const scope = api().get("/v1/payments").reply(200, loadFixture("payments/list-page-2"));
    await alma().payments.list();
    scope.done();
  });

  it("walks every page, starting after the last id of the previous one", async () => {
    const scope = api()
      .get("/v1/payments")
      .query({ limit: "2", state: "paid" })
      .reply(200, loadFixture("payments/list-page-1"))
      .get("/v1/payments")
      .query({ limit: "2", state: "paid", starting_after: pid })
      .reply(200, loadFixture("payments/list-page-2"));
    const ids: string[] = [];
    for await (const payment of alma().payments.listAll({ limit: 2, states: ["paid"] })) ids.push(payment.id);
    expect(ids).toEqual([pid, pid, "payment_11uSx9Tk4BvQ2wMz7RcH5nLdJp3YfGaE8o"]);
    scope.done();
  });

  it("stops on an empty page even if has_more says otherwise", async () => {
    api().get("/v1/payments").reply(200, { data: [], has_more: true });
    const all = [];
    for await (const payment of alma().payments.listAll()) all.push(payment);
    expect(all).toEqual([]);
  });
});

describe("payment actions", () => {
  it("edit POSTs {payment:{custom_data}} and is retried as idempotent", async () => {
    const body = { payment: { custom_data: { tenant_id: "tnt_demo", synced: true } } };
    const scope = api()
      .post(`/v1/payments/${pid}`, body)
      .reply(503)
      .post(`/v1/payments/${pid}`, body)
      .reply(200, loadFixture("payments/in-progress-3x"));
    await alma().payments.edit(pid, { custom_data: { tenant_id: "tnt_demo", synced: true } });
    scope.done();
  });

  it("cancel PUTs without a body and ignores the answer", async () => {
    const scope = api().matchHeader("content-length", "0").put(`/v1/payments/${pid}/cancel`).reply(200, "");
    await expect(alma().payments.cancel(pid)).resolves.toBeUndefined();
    scope.done();
  });

  it("flagPotentialFraud POSTs the reason", async () => {
    const scope = api()
      .post(`/v1/payments/${pid}/potential-fraud`, { reason: "amount_mismatch" })
      .reply(200, {});
    await alma().payments.flagPotentialFraud(pid, "amount_mismatch");
    scope.done();
  });

  it("sendSms POSTs without a body; 403 when Alma has not enabled it", async () => {
    const scope = api().post(`/v1/payments/${pid}/send-sms`).reply(204);
    await alma().payments.sendSms(pid);
    scope.done();
    api()
      .post(`/v1/payments/${pid}/send-sms`)
      .once()
      .reply(403, { message: "SMS sending is not enabled for this merchant" });
    await expect(alma().payments.sendSms(pid)).rejects.toMatchObject({
      constructor: AlmaAuthenticationError,
      status: 403,
      message: "SMS sending is not enabled for this merchant",
    });
  });

  it("sendSms is not resent after a 5xx (the customer would get two texts)", async () => {
    const scope = api().post(`/v1/payments/${pid}/send-sms`).once().reply(502);
    await expect(alma().payments.sendSms(pid)).rejects.toMatchObject({ status: 502 });
    scope.done();
  });

  it("trigger POSTs without a body and returns the payment", async () => {
    const scope = api()
      .matchHeader("content-length", "0")
      .post(`/v1/payments/${pid}/trigger`)
      .reply(200, loadFixture("payments/triggered"));
    const payment = await alma().payments.trigger(pid);
    expect(payment.deferred_trigger_applied).toBe(1768644000);
    scope.done();
  });
});
