import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkoutPageFor } from "./support/checkout-page.ts";
import { type Connector, startConnector } from "./support/connector-harness.ts";
import type { RealStore } from "./support/real-store.ts";
import { type StoreApi, storeApi } from "./support/store-api.ts";
import { startTestSite } from "./support/test-site.ts";

describe("connecting a real WooCommerce store", () => {
  let store: RealStore;
  let connector: Connector;
  let api: StoreApi;
  beforeAll(async () => {
    [store, connector] = await Promise.all([startTestSite(), startConnector()]);
    api = storeApi(store);
  });
  afterAll(async () => {
    await connector?.close();
    await store?.close();
  });

  it("creates the order webhooks through the REST API and answers WooCommerce's real ping", async () => {
    const { storeId } = await connector.connect(store);
    const hooks = await api.get<{ id: number; topic: string; status: string; delivery_url: string }[]>(
      "webhooks",
      { status: "all" },
    );
    const ours = `${connector.url}/woocommerce/webhooks/${storeId}`;
    expect(hooks.map((h) => [h.topic, h.status, h.delivery_url]).sort()).toEqual([
      ["order.created", "active", ours],
      ["order.updated", "active", ours],
    ]);
    // WooCommerce pinged each new webhook (unsigned, form-encoded) and got our 200.
    const pings = connector.deliveries.filter((d) => !d.signed);
    expect(pings.map((p) => [p.status, p.body]).sort()).toEqual(
      hooks.map((h) => [200, `webhook_id=${h.id}`]).sort(),
    );
    const rows = await store.sql(
      `SELECT status, failure_count FROM ${store.table("wc_webhooks")} ORDER BY webhook_id`,
    );
    expect(rows).toEqual([
      ["active", "0"],
      ["active", "0"],
    ]);
  });

  it("connecting again re-uses the webhooks (re-activated, pinged again), never duplicates them", async () => {
    const before = connector.deliveries.length;
    await connector.connect(store);
    const rows = await store.sql(`SELECT status, failure_count FROM ${store.table("wc_webhooks")}`);
    expect(rows).toEqual([
      ["active", "0"],
      ["active", "0"],
    ]);
    const again = connector.deliveries.slice(before);
    expect(again.every((d) => d.status === 200)).toBe(true);
  });

  it("receives a signed order.created delivery when an order is placed, and answers it 2xx", async () => {
    const before = connector.deliveries.length;
    const order = await api.post<{ id: number }>("orders", {
      payment_method: "bacs",
      line_items: [{ product_id: store.products.chair.id, quantity: 1 }],
      billing: { first_name: "Léa", last_name: "Roux", email: "lea@example.com", country: "FR" },
    });
    const received = connector.deliveries.slice(before).filter((d) => d.signed);
    expect(received.map((d) => d.topic)).toContain("order.created");
    expect(received.every((d) => d.status === 200)).toBe(true);
    expect(JSON.parse(received.find((d) => d.topic === "order.created")!.body).id).toBe(order.id);
  });

  it("gives our gateway the plan's limits at Alma, and both checkouts offer Alma only within them", async () => {
    const gateway = await api.get<{ settings: Record<string, { value: string }> }>(
      "payment_gateways/alma_suite",
    );
    const plan = (await connector.alma().merchant.feePlans()).find(
      (p) => p.kind === "general" && p.installments_count === 3 && p.deferred_days === 0,
    );
    expect(gateway.settings.min_amount?.value).toBe((plan!.min_purchase_amount / 100).toFixed(2));
    expect(gateway.settings.max_amount?.value).toBe((plan!.max_purchase_amount / 100).toFixed(2));
    for (const kind of ["block", "classic"] as const) {
      expect((await checkoutPageFor(store, kind, store.products.chair.id)).offersAlma, `${kind}, 450 €`).toBe(
        true,
      );
      expect((await checkoutPageFor(store, kind, store.products.pin.id)).offersAlma, `${kind}, 2 €`).toBe(
        false,
      );
    }
  });

  it("neither checkout offers Alma while the gateway is enabled but not connected, or the shop is not in euros", async () => {
    const saved = await store.php<Record<string, string>>(
      "return get_option('woocommerce_alma_suite_settings');",
    );
    try {
      await store.php(
        `update_option('woocommerce_alma_suite_settings', array_merge(get_option('woocommerce_alma_suite_settings'), array('signing_secret' => ''))); return true;`,
      );
      for (const kind of ["block", "classic"] as const)
        expect((await checkoutPageFor(store, kind, store.products.chair.id)).offersAlma, kind).toBe(false);
    } finally {
      await store.php(
        `update_option('woocommerce_alma_suite_settings', json_decode('${JSON.stringify(saved)}', true)); return true;`,
      );
    }
    try {
      await store.php("update_option('woocommerce_currency', 'USD'); return true;");
      expect((await checkoutPageFor(store, "block", store.products.chair.id)).offersAlma).toBe(false);
    } finally {
      await store.php("update_option('woocommerce_currency', 'EUR'); return true;");
    }
    expect((await checkoutPageFor(store, "block", store.products.chair.id)).offersAlma).toBe(true);
  });

  it("our plugin declares WooCommerce as the plugin it requires, as WordPress reads it", async () => {
    const dependencies = await store.php<{ requires: string[]; dependents: boolean }>(
      `WP_Plugin_Dependencies::initialize();
       return array(
         'requires' => WP_Plugin_Dependencies::get_dependencies('alma-suite-woocommerce/alma-suite-woocommerce.php'),
         'dependents' => WP_Plugin_Dependencies::has_dependents('woocommerce/woocommerce.php'),
       );`,
    );
    expect(dependencies).toEqual({ requires: ["woocommerce"], dependents: true });
  });
});
