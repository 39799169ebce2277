import { pay } from "@alma-suite/alma-sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, paidAlmaOrder, runProcessPayment, type WooOrderJson } from "./support/alma-order.ts";
import { type Connector, startConnector } from "./support/connector-harness.ts";
import type { RealStore } from "./support/real-store.ts";
import { type StoreApi, storeApi } from "./support/store-api.ts";
import { startTestSite } from "./support/test-site.ts";

describe("after the sale on a real WooCommerce: endpoint down, refusals, pay-by-link", () => {
  let store: RealStore;
  let connector: Connector;
  let api: StoreApi;
  let storeId: string;
  beforeAll(async () => {
    [store, connector] = await Promise.all([startTestSite(), startConnector({ payLinkExpiryMinutes: 30 })]);
    api = storeApi(store);
    ({ storeId } = await connector.connect(store, { payByLinkMethods: ["cheque"] }));
  });
  afterAll(async () => {
    await connector?.close();
    await store?.close();
  });

  const webhookRow = async (topic: string) => {
    const [row] = await store.sql(
      `SELECT status, failure_count FROM ${store.table("wc_webhooks")} WHERE topic = '${topic}'`,
    );
    return { status: row?.[0], failures: Number(row?.[1]) };
  };
  const stockOfChair = async () =>
    (await api.get<{ stock_quantity: number }>(`products/${store.products.chair.id}`)).stock_quantity;

  it("with our endpoint down, WooCommerce disables the webhook on the 7th failure in a row; reconciliation repairs the order missed meanwhile", async () => {
    const order = await paidAlmaOrder(connector, store, api);
    connector.down = true;
    try {
      // A refund recorded by hand in WooCommerce while we are down: its order.updated delivery fails.
      const manual = await api.post<{ id: number }>(`orders/${order.id}/refunds`, {
        amount: "50.00",
        reason: "geste commercial",
        api_refund: false,
      });
      expect(await webhookRow("order.updated")).toEqual({ status: "active", failures: 1 });
      for (let failures = 2; failures <= 6; failures++) {
        await api.put(`orders/${order.id}`, { customer_note: `change ${failures}` });
        expect(await webhookRow("order.updated")).toEqual({ status: "active", failures });
      }
      await api.put(`orders/${order.id}`, { customer_note: "change 7" });
      expect(await webhookRow("order.updated")).toEqual({ status: "disabled", failures: 6 });
      // A disabled webhook is not delivered any more.
      const before = connector.deliveries.length;
      await api.put(`orders/${order.id}`, { customer_note: "change 8" });
      expect(connector.deliveries.filter((d) => d.topic === "order.updated").length).toBe(
        connector.deliveries.slice(0, before).filter((d) => d.topic === "order.updated").length,
      );
      connector.down = false;
      expect((await connector.alma().payments.fetch(order.transaction_id)).refunds).toEqual([]);
      const run = await connector.reconcile(storeId);
      expect(run.code).toBe(0);
      expect(run.progress.at(-1)).toMatch(/pages · \d+ orders/);
      await connector.settle();
      const refunds = (await connector.alma().payments.fetch(order.transaction_id)).refunds;
      expect(refunds.map((r) => [r.merchant_reference, r.amount])).toEqual([[String(manual.id), 5_000]]);
      // Connecting the store again brings the webhook back (WooCommerce pings it, we answer 200).
      // Re-activating does not reset WooCommerce's failure count: only a delivery we answer 2xx does
      // (until then one more failure would disable the webhook again).
      await connector.connect(store, { payByLinkMethods: ["cheque"] });
      expect(await webhookRow("order.updated")).toEqual({ status: "active", failures: 6 });
      await api.put(`orders/${order.id}`, { customer_note: "back" });
      expect(await webhookRow("order.updated")).toEqual({ status: "active", failures: 0 });
    } finally {
      connector.down = false;
    }
  });

  it("a refused card leaves the order failed, with Alma's reason in a note, and the stock with the shop", async () => {
    const stock = await stockOfChair();
    const order = await createOrder(api, store, "alma_suite");
    const checkout = await runProcessPayment(store, order.id);
    expect(checkout.result).toBe("success");
    await pay(checkout.redirect!, { card: "4000000000000002" }); // refused by Alma's risk scoring
    const payment = await connector
      .alma()
      .payments.fetch(new URL(checkout.redirect!).pathname.split("/").filter(Boolean).pop()!);
    expect(payment.state).toBe("scored_no");
    expect((await connector.reconcile(storeId)).code).toBe(0);
    await connector.settle();
    const after = await api.get<WooOrderJson>(`orders/${order.id}`);
    expect(after.status).toBe("failed");
    const notes = await api.get<{ note: string }[]>(`orders/${order.id}/notes`);
    expect(notes.some((n) => n.note.includes("refused"))).toBe(true);
    expect(await stockOfChair()).toBe(stock);
  });

  it("an abandoned Alma checkout is released once Alma expires it: the order cancelled, the stock back", async () => {
    const stock = await stockOfChair();
    const order = await createOrder(api, store, "alma_suite", 2);
    const checkout = await runProcessPayment(store, order.id);
    expect(checkout.result).toBe("success");
    // The shopper reached Alma's page and left; the shop holds the order with its stock taken.
    await api.put(`orders/${order.id}`, { status: "on-hold" });
    expect(await stockOfChair()).toBe(stock - 2);
    await connector.settle();
    // Checkout payments expire at Alma after 120 minutes; nothing is announced, reconciliation finds it.
    connector.sandbox.sandbox.clock.advance(121 * 60_000);
    expect((await connector.reconcile(storeId)).code).toBe(0);
    await connector.settle();
    expect((await api.get<WooOrderJson>(`orders/${order.id}`)).status).toBe("cancelled");
    expect(await stockOfChair()).toBe(stock);
  });

  it("pay-by-link: an order placed with cheque gets its Alma link as a customer note and is paid through it", async () => {
    const order = await createOrder(api, store, "cheque");
    await connector.settle();
    const notes = await api.get<{ note: string; customer_note: boolean }[]>(`orders/${order.id}/notes`);
    const link = notes.find((n) => n.customer_note)?.note.match(/https?:\/\/\S+/)?.[0];
    expect(link, JSON.stringify(notes)).toBeDefined();
    expect((await pay(link!, { card: "4242424242424242" })).status).toBe(303);
    await connector.settle();
    const after = await api.get<WooOrderJson>(`orders/${order.id}`);
    expect(after).toMatchObject({ status: "processing", payment_method: "cheque" });
    expect(after.transaction_id).toMatch(/^payment_/);
  });

  it("pay-by-link: a link left unpaid until it expires cancels the order and gives its stock back", async () => {
    const stock = await stockOfChair();
    const order = await createOrder(api, store, "cheque", 2);
    // On hold, as the cheque method leaves an order at checkout: WooCommerce takes the stock.
    await api.put(`orders/${order.id}`, { status: "on-hold" });
    expect(await stockOfChair()).toBe(stock - 2);
    await connector.settle();
    connector.sandbox.sandbox.clock.advance(31 * 60_000);
    expect((await connector.reconcile(storeId)).code).toBe(0);
    await connector.settle();
    expect((await api.get<WooOrderJson>(`orders/${order.id}`)).status).toBe("cancelled");
    expect(await stockOfChair()).toBe(stock);
  });
});
