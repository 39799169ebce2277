import { pay } from "@alma-suite/alma-sandbox/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrder, runProcessPayment, type WooOrderJson } from "./support/alma-order.ts";
import { type Connector, startConnector } from "./support/connector-harness.ts";
import type { RealStore } from "./support/real-store.ts";
import { type StoreApi, storeApi } from "./support/store-api.ts";
import { startTestSite } from "./support/test-site.ts";

const OTHER_ORDERS = 2_000;

describe("reconciling a real WooCommerce store with a few thousand orders", () => {
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

  it("pages through every order with progress and pays the Alma orders whose notification was missed", async () => {
    // Alma orders paid at Alma while the connector was down: the sandbox gave up notifying it.
    const missed: number[] = [];
    for (let i = 0; i < 3; i++) {
      const order = await createOrder(api, store, "alma_suite");
      const checkout = await runProcessPayment(store, order.id);
      connector.down = true;
      try {
        expect((await pay(checkout.redirect!, { card: "4242424242424242" })).status).toBe(303);
        await new Promise((r) => setTimeout(r, 1_500)); // the sandbox's IPN retries (100 and 500 ms)
      } finally {
        connector.down = false;
      }
      missed.push(order.id);
    }
    // The shop's other orders: one made by WooCommerce itself (its order class, custom order tables),
    // copied row for row in WooCommerce's tables (MariaDB's seq_ tables number the copies); saving
    // thousands of orders one by one through PHP takes minutes on a CI machine.
    const template = await store.php<number>(
      `add_filter('woocommerce_webhook_should_deliver', '__return_false');
       $order = new WC_Order();
       $order->set_payment_method('bacs');
       $order->set_billing_email('client@example.com');
       $order->set_billing_country('FR');
       $order->set_total('12.00');
       $order->set_status('completed');
       return $order->save();`,
    );
    await store.sql(copyOrderRows(store, template, OTHER_ORDERS));
    const [[count]] = (await store.sql(
      `SELECT COUNT(*) FROM ${store.table("wc_orders")} WHERE type = 'shop_order'`,
    )) as [[string]];
    const created = Number(count) - missed.length - 1;
    expect(created).toBe(OTHER_ORDERS);
    for (const id of missed) expect((await api.get<WooOrderJson>(`orders/${id}`)).status).toBe("pending");

    const run = await connector.reconcile(storeId);
    expect(run.code, run.out.join("\n")).toBe(0);
    const pages = Math.ceil((OTHER_ORDERS + missed.length + 1) / 100);
    expect(run.progress).toHaveLength(pages);
    expect(run.progress.at(-1)).toContain(
      `${pages}/${pages} pages · ${OTHER_ORDERS + missed.length + 1} orders`,
    );
    expect(run.out[0]).toContain(`${OTHER_ORDERS + missed.length + 1} orders modified`);
    expect(run.out[0]).toContain(`${missed.length} with Alma`);
    await connector.settle();
    for (const id of missed) {
      const order = await api.get<WooOrderJson>(`orders/${id}`);
      expect(order.status).toBe("processing");
      expect(order.transaction_id).toMatch(/^payment_/);
    }
  }, 300_000);
});

/** SQL copying order `id` (its row, operational data and addresses) `copies` times, ids from 1,000,001. */
function copyOrderRows(store: RealStore, id: number, copies: number): string {
  const orders = store.table("wc_orders");
  const data = store.table("wc_order_operational_data");
  const addresses = store.table("wc_order_addresses");
  return `
    CREATE TEMPORARY TABLE copy_orders SELECT o.*, s.seq AS n FROM ${orders} o JOIN seq_1_to_${copies} s WHERE o.id = ${id};
    UPDATE copy_orders SET id = 1000000 + n, billing_email = CONCAT('client', n, '@example.com');
    ALTER TABLE copy_orders DROP COLUMN n;
    INSERT INTO ${orders} SELECT * FROM copy_orders;
    CREATE TEMPORARY TABLE copy_data SELECT d.*, s.seq AS n FROM ${data} d JOIN seq_1_to_${copies} s WHERE d.order_id = ${id};
    ALTER TABLE copy_data MODIFY id BIGINT UNSIGNED NULL;
    UPDATE copy_data SET id = NULL, order_id = 1000000 + n, order_key = CONCAT('wc_order_copy', n);
    ALTER TABLE copy_data DROP COLUMN n;
    INSERT INTO ${data} SELECT * FROM copy_data;
    CREATE TEMPORARY TABLE copy_addresses SELECT a.*, s.seq AS n FROM ${addresses} a JOIN seq_1_to_${copies} s WHERE a.order_id = ${id};
    ALTER TABLE copy_addresses MODIFY id BIGINT UNSIGNED NULL;
    UPDATE copy_addresses SET id = NULL, order_id = 1000000 + n;
    ALTER TABLE copy_addresses DROP COLUMN n;
    INSERT INTO ${addresses} SELECT * FROM copy_addresses;`;
}
