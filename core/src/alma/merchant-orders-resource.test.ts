import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlmaInputValidationError, AlmaInvalidResponseError, AlmaNotFoundError } from "./errors.ts";
import { loadFixture } from "./testing/load-fixture.ts";
import { createTestClient, expectedHeaders, sandboxUrl } from "./testing/test-client.ts";

// The orders by their own id, as Alma's PHP client (Orders endpoint) and plugins call them.
const orderId = "order_11uSb3Wm7QzK2xRn9LcT4vPhYd5JgFaE1s";
const api = () => nock(sandboxUrl, { reqheaders: expectedHeaders });
const recorded = (loadFixture("orders/list") as Record<string, unknown>[])[1];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("orders.listMerchantOrders / listAllMerchantOrders", () => {
  it("GETs /v1/orders with limit and starting_after", async () => {
    const scope = api()
      .get("/v1/orders")
      .query({ limit: "1", starting_after: "order_before" })
      .reply(200, loadFixture("orders/page-1"));
    const { alma } = createTestClient();
    const page = await alma.orders.listMerchantOrders({ limit: 1, startingAfter: "order_before" });
    expect(page.has_more).toBe(true);
    expect(page.data[0]?.id).toBe(orderId);
    scope.done();
  });

  it("follows has_more with the last id as starting_after", async () => {
    const scope = api()
      .get("/v1/orders")
      .query({})
      .reply(200, loadFixture("orders/page-1"))
      .get("/v1/orders")
      .query({ starting_after: orderId })
      .reply(200, loadFixture("orders/page-2"));
    const { alma } = createTestClient();
    const ids: string[] = [];
    for await (const order of alma.orders.listAllMerchantOrders()) ids.push(order.id);
    expect(ids).toEqual([orderId, "order_11uPRk1ZbqkLwWqg2m4yVJbyhFLuWpEYq3"]);
    scope.done();
  });

  it("refuses a limit over 100 locally", async () => {
    const { alma } = createTestClient();
    await expect(alma.orders.listMerchantOrders({ limit: 500 })).rejects.toBeInstanceOf(
      AlmaInputValidationError,
    );
  });

  it("refuses a page that is not Alma's shape", async () => {
    api().get("/v1/orders").reply(200, { data: "nope" });
    const { alma } = createTestClient();
    await expect(alma.orders.listMerchantOrders()).rejects.toBeInstanceOf(AlmaInvalidResponseError);
  });
});

describe("orders.fetch and orders.update", () => {
  it("GETs one order, and maps 404 to AlmaNotFoundError", async () => {
    const scope = api()
      .get(`/v1/orders/${orderId}`)
      .reply(200, recorded)
      .get("/v1/orders/order_missing")
      .reply(404, { error_code: "not_found", object_type: "order", value: "order_missing" });
    const { alma } = createTestClient();
    await expect(alma.orders.fetch(orderId)).resolves.toMatchObject({ carrier: "Colissimo" });
    await expect(alma.orders.fetch("order_missing")).rejects.toBeInstanceOf(AlmaNotFoundError);
    await expect(alma.orders.fetch("")).rejects.toBeInstanceOf(AlmaInputValidationError);
    scope.done();
  });

  it("PUTs the changed fields, retrying a 503 (the same change twice is harmless)", async () => {
    const scope = api()
      .put(`/v1/orders/${orderId}`, { comment: "Gift" })
      .reply(503)
      .put(`/v1/orders/${orderId}`, { comment: "Gift" })
      .reply(200, { ...recorded, comment: "Gift" });
    const { alma, sleeps } = createTestClient();
    await expect(alma.orders.update(orderId, { comment: "Gift" })).resolves.toMatchObject({
      comment: "Gift",
    });
    expect(sleeps).toHaveLength(1);
    scope.done();
  });

  it("refuses an update with nothing to change", async () => {
    const { alma } = createTestClient();
    await expect(alma.orders.update(orderId, {})).rejects.toBeInstanceOf(AlmaInputValidationError);
  });
});

describe("orders.addShipment", () => {
  it("POSTs {carrier, tracking_number, tracking_url} to /v2/orders/{id}/shipment", async () => {
    const scope = api()
      .post(`/v2/orders/${orderId}/shipment`, {
        carrier: "Colissimo",
        tracking_number: "6A12345678901",
        tracking_url: "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
      })
      .reply(200, recorded);
    const { alma } = createTestClient();
    await alma.orders.addShipment(orderId, {
      carrier: "Colissimo",
      trackingNumber: "6A12345678901",
      trackingUrl: "https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901",
    });
    scope.done();
  });

  it("sends tracking_url null when there is none, and resends after a lost answer", async () => {
    const body = { carrier: "UPS", tracking_number: "1Z999", tracking_url: null };
    const scope = api()
      .post(`/v2/orders/${orderId}/shipment`, body)
      .replyWithError(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }))
      .post(`/v2/orders/${orderId}/shipment`, body)
      .reply(200, {});
    const { alma } = createTestClient();
    await alma.orders.addShipment(orderId, { carrier: "UPS", trackingNumber: "1Z999" });
    scope.done();
  });

  it.each([
    [{ carrier: "", trackingNumber: "1" }, "shipment.carrier"],
    [{ carrier: "UPS", trackingNumber: " " }, "shipment.trackingNumber"],
    [{ carrier: "UPS", trackingNumber: "1", trackingUrl: "javascript:alert(1)" }, "shipment.trackingUrl"],
  ])("refuses %j locally", async (input, field) => {
    const { alma } = createTestClient();
    const error = await alma.orders.addShipment(orderId, input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AlmaInputValidationError);
    expect((error as AlmaInputValidationError).fieldErrors[0]?.field).toBe(field);
  });
});
