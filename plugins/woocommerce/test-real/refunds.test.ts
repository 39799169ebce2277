import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { paidAlmaOrder, type WooOrderJson } from "./support/alma-order.ts";
import { type Connector, startConnector } from "./support/connector-harness.ts";
import type { RealStore } from "./support/real-store.ts";
import { type StoreApi, storeApi } from "./support/store-api.ts";
import { startTestSite } from "./support/test-site.ts";

interface RefundJson {
  id: number;
  amount: string;
  refunded_payment: boolean;
  meta_data: { key: string; value: unknown }[];
}

describe("refunds both ways between a real WooCommerce and Alma", () => {
  let store: RealStore;
  let connector: Connector;
  let api: StoreApi;
  let storeId: string;
  beforeAll(async () => {
    [store, connector] = await Promise.all([startTestSite(), startConnector()]);
    api = storeApi(store);
    ({ storeId } = await connector.connect(store));
  });
  afterAll(async () => {
    await connector?.close();
    await store?.close();
  });

  const almaRefunds = async (pid: string) =>
    (await connector.alma().payments.fetch(pid)).refunds.map((r) => [r.merchant_reference, r.amount]);

  it("a partial then a full refund with 'Refund via Alma' reach our gateway's process_refund and become one Alma refund each", async () => {
    const order = await paidAlmaOrder(connector, store, api, 2); // 900.00 €
    const pid = order.transaction_id;
    const partial = await api.post<RefundJson>(`orders/${order.id}/refunds`, {
      amount: "150.00",
      reason: "Pied abîmé",
      api_refund: true,
    });
    expect(partial.refunded_payment).toBe(true);
    expect(await almaRefunds(pid)).toEqual([[String(partial.id), 15_000]]);

    const rest = await api.post<RefundJson>(`orders/${order.id}/refunds`, {
      amount: "750.00",
      api_refund: true,
    });
    expect(rest.refunded_payment).toBe(true);
    expect(await almaRefunds(pid)).toEqual([
      [String(partial.id), 15_000],
      [String(rest.id), 75_000],
    ]);
    // The order.updated deliveries of both refunds, then a reconciliation: nothing is refunded again.
    await connector.settle();
    expect((await connector.reconcile(storeId)).code).toBe(0);
    await connector.settle();
    expect(await almaRefunds(pid)).toHaveLength(2);
    expect((await connector.alma().payments.fetch(pid)).is_completely_refunded).toBe(true);
    const after = await api.get<WooOrderJson>(`orders/${order.id}`);
    expect(after.status).toBe("refunded");
    expect(after.refunds.map((r) => r.id).sort()).toEqual([partial.id, rest.id].sort());
  });

  it("process_refund sends the refund WooCommerce just created, even when an older refund is dated later", async () => {
    const order = await paidAlmaOrder(connector, store, api);
    const pid = order.transaction_id;
    // A refund already on the order with a later date (WooCommerce lists refunds newest date first).
    const older = await api.post<RefundJson>(`orders/${order.id}/refunds`, {
      amount: "10.00",
      api_refund: false,
    });
    await store.php(
      `$r = wc_get_order(${older.id}); $r->set_date_created(time() + 86400); $r->save(); return true;`,
    );
    await connector.settle();
    const before = await almaRefunds(pid);
    // Webhooks paused: only process_refund can tell the connector (a webhook would repair a wrong id later).
    const hooks = await api.get<{ id: number }[]>("webhooks");
    for (const hook of hooks) await api.put(`webhooks/${hook.id}`, { status: "paused" });
    try {
      const refund = await api.post<RefundJson>(`orders/${order.id}/refunds`, {
        amount: "40.00",
        api_refund: true,
      });
      expect(refund.refunded_payment).toBe(true);
      await connector.settle();
      expect((await almaRefunds(pid)).slice(before.length)).toEqual([[String(refund.id), 4_000]]);
    } finally {
      for (const hook of hooks) await api.put(`webhooks/${hook.id}`, { status: "active" });
    }
  });

  it("a refund made at Alma appears once in WooCommerce as a manual refund (api_refund false)", async () => {
    const order = await paidAlmaOrder(connector, store, api);
    const pid = order.transaction_id;
    const almaRefund = await connector
      .alma()
      .payments.refund(pid, { amount: 5_000, merchantReference: "dashboard" });
    // Alma does not tell the store: the next reconciliation (or any change of the order) finds it.
    expect((await connector.reconcile(storeId)).code).toBe(0);
    await connector.settle();
    expect((await connector.reconcile(storeId)).code).toBe(0);
    await connector.settle();
    const refunds = await api.get<RefundJson[]>(`orders/${order.id}/refunds`);
    expect(refunds.map((r) => [r.amount, r.refunded_payment])).toEqual([["50.00", false]]);
    expect(refunds[0]?.meta_data.find((m) => m.key === "alma_refund_id")?.value).toBe(
      almaRefund.refunds.at(-1)?.id,
    );
    // Recording it did not send it back to Alma as a new refund.
    expect(await almaRefunds(pid)).toHaveLength(1);
    expect((await api.get<WooOrderJson>(`orders/${order.id}`)).status).toBe("processing");
  });
});
