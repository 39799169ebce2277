import { pay } from "@alma-suite/alma-sandbox/testing";
import type { Connector } from "./connector-harness.ts";
import type { RealStore } from "./real-store.ts";
import type { StoreApi } from "./store-api.ts";

export interface WooOrderJson {
  id: number;
  status: string;
  total: string;
  order_key: string;
  transaction_id: string;
  payment_method: string;
  refunds: { id: number; total: string }[];
  line_items: { id: number; product_id: number; quantity: number }[];
}

/** A pending order of `quantity` chairs placed through the REST API, to be paid with `paymentMethod`. */
export function createOrder(
  api: StoreApi,
  store: RealStore,
  paymentMethod: string,
  quantity = 1,
): Promise<WooOrderJson> {
  return api.post<WooOrderJson>("orders", {
    payment_method: paymentMethod,
    payment_method_title: paymentMethod === "alma_suite" ? "Pay in instalments with Alma" : "Check payments",
    status: "pending",
    line_items: [{ product_id: store.products.chair.id, quantity }],
    billing: {
      first_name: "Léa",
      last_name: "Roux",
      address_1: "3 place Bellecour",
      city: "Lyon",
      postcode: "69002",
      country: "FR",
      email: "lea@example.com",
    },
  });
}

/** WooCommerce runs our gateway's process_payment for the order, as "Place order" does; answers its result. */
export function runProcessPayment(
  store: RealStore,
  orderId: number,
): Promise<{ result: string; redirect?: string }> {
  return store.php(
    `$gateways = WC()->payment_gateways()->payment_gateways();
     $result = $gateways['alma_suite']->process_payment(${orderId});
     if ('failure' === $result['result']) $result['notices'] = wc_get_notices('error');
     return $result;`,
  );
}

/**
 * An order bought with Alma without a browser (the browser journeys are in checkout-*.test.ts):
 * placed, sent through our gateway's process_payment, paid on the sandbox's page with `card`.
 * Answers the order once WooCommerce has it processing.
 */
export async function paidAlmaOrder(
  connector: Connector,
  store: RealStore,
  api: StoreApi,
  quantity = 1,
): Promise<WooOrderJson> {
  const order = await createOrder(api, store, "alma_suite", quantity);
  const checkout = await runProcessPayment(store, order.id);
  if (checkout.result !== "success" || !checkout.redirect)
    throw new Error(`process_payment failed: ${JSON.stringify(checkout)}`);
  const paid = await pay(checkout.redirect, { card: "4242424242424242" });
  if (paid.status !== 303) throw new Error(`paying on the sandbox page answered ${paid.status}`);
  await connector.settle();
  const after = await api.get<WooOrderJson>(`orders/${order.id}`);
  if (after.status !== "processing") throw new Error(`order ${order.id} is ${after.status}, not processing`);
  return after;
}
