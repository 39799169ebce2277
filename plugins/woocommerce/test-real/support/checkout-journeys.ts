import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addToCart,
  launchChromium,
  payOnAlmaPage,
  placeBlockOrder,
  placeClassicOrder,
} from "./chromium-shopper.ts";
import { type Connector, startConnector } from "./connector-harness.ts";
import type { RealStore } from "./real-store.ts";
import { type StoreApi, storeApi } from "./store-api.ts";
import { startTestSite } from "./test-site.ts";

interface OrderJson {
  id: number;
  status: string;
  transaction_id: string;
  payment_method: string;
  total: string;
  order_key: string;
}

/**
 * A shopper in Chromium buys a chair with Alma on the block checkout and on the classic checkout,
 * pays on the sandbox's hosted page and comes back to WooCommerce's thank-you page; the real order
 * is then paid, as WooCommerce itself records it (REST and database), in the order storage chosen.
 */
export function describeCheckoutJourneys(hpos: boolean): void {
  describe(`checkout with Alma on a real WooCommerce, orders in ${hpos ? "custom order tables (HPOS)" : "posts"}`, () => {
    let store: RealStore;
    let connector: Connector;
    let api: StoreApi;
    let browser: Browser;
    beforeAll(async () => {
      [store, connector, browser] = await Promise.all([
        startTestSite({ hpos }),
        startConnector(),
        launchChromium(),
      ]);
      api = storeApi(store);
      await connector.connect(store);
    });
    afterAll(async () => {
      await browser?.close();
      await connector?.close();
      await store?.close();
    });

    const buyWithAlma = async (kind: "block" | "classic"): Promise<{ page: Page; orderId: number }> => {
      const checkoutUrl = await store.useCheckout(kind);
      const page = await (await browser.newContext()).newPage();
      await addToCart(page, store.url, store.products.chair.id);
      if (kind === "block") await placeBlockOrder(page, checkoutUrl, "Pay in instalments with Alma");
      else await placeClassicOrder(page, checkoutUrl, "alma_suite");
      await reachOrExplain(page, `${connector.sandbox.url}/**`);
      await payOnAlmaPage(page, "4242424242424242");
      await reachOrExplain(page, /\/order-received\/\d+\//);
      const orderId = Number(/order-received\/(\d+)\//.exec(page.url())?.[1]);
      return { page, orderId };
    };

    const expectPaid = async (orderId: number) => {
      await connector.settle();
      const order = await api.get<OrderJson>(`orders/${orderId}`);
      expect(order).toMatchObject({ status: "processing", payment_method: "alma_suite", total: "450.00" });
      const payment = await connector.alma().payments.fetch(order.transaction_id);
      expect(payment).toMatchObject({ state: "in_progress", purchase_amount: 45_000 });
      expect(payment.custom_data).toMatchObject({ order_id: orderId, order_key: order.order_key });
      // Alma's page speaks the site's language (a new WordPress is en_US); the merchant's link to
      // the order is the admin screen of this storage mode.
      expect(payment.locale).toBe("en");
      expect(payment.orders[0]?.merchant_url).toBe(
        hpos
          ? `${store.url}/wp-admin/admin.php?page=wc-orders&action=edit&id=${orderId}`
          : `${store.url}/wp-admin/post.php?post=${orderId}&action=edit`,
      );
      const notes = await api.get<{ note: string }[]>(`orders/${orderId}/notes`);
      expect(notes.some((n) => n.note.includes(order.transaction_id))).toBe(true);
      // The order is where this storage mode keeps orders, paid once, its stock taken once.
      const rows = hpos
        ? await store.sql(
            `SELECT status, transaction_id FROM ${store.table("wc_orders")} WHERE id = ${orderId} AND type = 'shop_order'`,
          )
        : await store.sql(
            `SELECT p.post_status, m.meta_value FROM ${store.table("posts")} p JOIN ${store.table("postmeta")} m
             ON m.post_id = p.ID AND m.meta_key = '_transaction_id' WHERE p.ID = ${orderId} AND p.post_type = 'shop_order'`,
          );
      expect(rows).toEqual([["wc-processing", order.transaction_id]]);
      return order;
    };

    it("block checkout: Alma chosen, paid on Alma's page, back on the thank-you page, the order processing", async () => {
      const stockBefore = (await api.get<{ stock_quantity: number }>(`products/${store.products.chair.id}`))
        .stock_quantity;
      const { page, orderId } = await buyWithAlma("block");
      expect(await page.locator("body").textContent()).toContain("Thank you");
      await expectPaid(orderId);
      const stockAfter = (await api.get<{ stock_quantity: number }>(`products/${store.products.chair.id}`))
        .stock_quantity;
      expect(stockAfter).toBe(stockBefore - 1);
    });

    it("classic checkout: the same purchase through the shortcode checkout", async () => {
      const { page, orderId } = await buyWithAlma("classic");
      expect(await page.locator("body").textContent()).toContain("Thank you");
      await expectPaid(orderId);
    });
  });
}

/** Waits for the page to get to `url`; if it does not, fails with where it is and the notices shown. */
async function reachOrExplain(page: Page, url: string | RegExp): Promise<void> {
  try {
    await page.waitForURL(url, { timeout: 120_000 });
  } catch (error) {
    const notices = await page
      .locator(
        ".wc-block-components-notice-banner, .woocommerce-error, .woocommerce-NoticeGroup, [role=alert]",
      )
      .allTextContents()
      .catch(() => []);
    throw new Error(
      `the shopper did not get to ${url}: still on ${page.url()}; notices: ${JSON.stringify(notices)} (${(error as Error).message.split("\n")[0]})`,
    );
  }
}
