import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlmaInputValidationError } from "./errors.ts";
import { loadFixture } from "./testing/load-fixture.ts";
import { createTestClient, expectedHeaders, sandboxUrl } from "./testing/test-client.ts";

const pid = "payment_11uPRjP4L9Dgbttx4cWbL5Jc8TV0gEgQQn";
const ordersPath = `/v1/payments/${pid}/orders`;
const api = () => nock(sandboxUrl, { reqheaders: expectedHeaders });
const order = {
  merchant_reference: "#1042-R1",
  comment: "Replacement shipment",
  data: { warehouse: "Lyon" },
};

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("orders.add", () => {
  it("PUTs {order} and returns the payment's orders", async () => {
    const scope = api().put(ordersPath, { order }).reply(200, loadFixture("orders/list"));
    const { alma } = createTestClient();
    const orders = await alma.orders.add(pid, order);
    expect(orders.map((o) => o.merchant_reference)).toEqual(["#1042", "#1042-R1"]);
    scope.done();
  });

  it("checks the orders after a lost response instead of appending twice", async () => {
    const scope = api()
      .put(ordersPath)
      .once()
      .reply(502)
      .get(ordersPath)
      .once()
      .reply(200, loadFixture("orders/list"));
    const { alma } = createTestClient();
    const orders = await alma.orders.add(pid, order);
    expect(orders).toHaveLength(2);
    scope.done();
  });

  it("appends again when the order is not there", async () => {
    const scope = api()
      .put(ordersPath)
      .reply(503)
      .get(ordersPath)
      .reply(200, [])
      .put(ordersPath)
      .reply(200, loadFixture("orders/list"));
    const { alma } = createTestClient();
    await alma.orders.add(pid, order);
    scope.done();
  });

  it("requires a merchant reference", async () => {
    const { alma } = createTestClient();
    await expect(alma.orders.add(pid, { merchant_reference: "" })).rejects.toBeInstanceOf(
      AlmaInputValidationError,
    );
  });
});

describe("orders.list", () => {
  it("GETs the payment's orders", async () => {
    const scope = api().get(ordersPath).reply(200, loadFixture("orders/list"));
    const { alma } = createTestClient();
    const orders = await alma.orders.list(pid);
    expect(orders[1]).toMatchObject({ carrier: "Colissimo", tracking_number: "6A12345678901" });
    scope.done();
  });
});

describe("orders.updateStatus", () => {
  it("POSTs {status, is_shipped} to the order's status, encoding the reference", async () => {
    const scope = api()
      .post(`${ordersPath}/%231042/status`, { status: "shipped", is_shipped: true })
      .reply(200, {});
    const { alma } = createTestClient();
    await expect(
      alma.orders.updateStatus(pid, "#1042", { status: "shipped", isShipped: true }),
    ).resolves.toBeUndefined();
    scope.done();
  });

  it("sends is_shipped null when unknown, and retries (setting a status is idempotent)", async () => {
    const body = { status: "processing", is_shipped: null };
    const scope = api()
      .post(`${ordersPath}/A-1/status`, body)
      .replyWithError(Object.assign(new Error("reset"), { code: "ECONNRESET" }))
      .post(`${ordersPath}/A-1/status`, body)
      .reply(204);
    const { alma } = createTestClient();
    await alma.orders.updateStatus(pid, "A-1", { status: "processing", isShipped: null });
    scope.done();
  });
});
