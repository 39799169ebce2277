import { describe, expect, it } from "vitest";
import { wooNoteSchema, wooOrderSchema, wooRefundSchema } from "../../src/woo/woo-schemas.ts";
import { loadWooFixture, type WebhookFixture } from "../support/load-fixture.ts";
import { FakeStore } from "./fake-store.ts";
import { noteJson, orderJson, refundJson } from "./order-json.ts";

/** The fake answers the documented shapes, and our schemas read the documented shapes. */
describe("fixtures ⇄ fake ⇄ schemas", () => {
  const order = loadWooFixture("orders/processing-partially-refunded");
  const refund = loadWooFixture("refunds/manual-partial-refund");
  const note = loadWooFixture("notes/customer-note");
  const store = new FakeStore();
  const fakeOrder = store.createOrder({ totalCents: 100, shippingCents: 990 });

  it("reads the documented order, refund and note", () => {
    expect(wooOrderSchema.parse(order)).toMatchObject({
      id: 727,
      total: "351.99",
      refunds: [{ id: 733, total: "-50.00" }],
    });
    expect(wooRefundSchema.parse(refund)).toMatchObject({
      id: 733,
      amount: "50.00",
      refunded_payment: false,
    });
    expect(wooNoteSchema.parse(note)).toMatchObject({ customer_note: true });
  });

  it("gives the fake's JSON the documented fields", () => {
    expect(Object.keys(orderJson(fakeOrder, [], "http://shop.test")).sort()).toEqual(
      Object.keys(order).sort(),
    );
    const fakeRefund = {
      id: 1,
      orderId: fakeOrder.id,
      amountCents: 5,
      reason: "",
      refundedPayment: false,
      refundedBy: 1,
      dateCreated: new Date(),
      meta: [],
    };
    expect(Object.keys(refundJson(fakeRefund, "http://shop.test")).sort()).toEqual(
      Object.keys(refund)
        .filter((k) => k !== "_links")
        .concat("_links")
        .sort(),
    );
    expect(Object.keys(noteJson(store.addNote(fakeOrder.id, "n", true))).sort()).toEqual(
      Object.keys(note).sort(),
    );
  });

  it("keeps webhook fixtures as PHP encodes them", () => {
    const fixture = loadWooFixture<WebhookFixture>("webhooks/order-updated-refund");
    expect(fixture.rawBody).toContain("https:\\/\\/example.com");
    expect(fixture.rawBody).toContain("Pied ray\\u00e9");
    expect(JSON.parse(fixture.rawBody)).toEqual(order);
  });
});
