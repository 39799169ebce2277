import type { FakeWooCommerce } from "../fake-woocommerce/index.ts";
import { gatewayCall } from "./gateway-call.ts";

/**
 * What our WordPress gateway does inside WooCommerce, for tests that drive the fake store: its
 * process_refund posts the new refund to the connector (signed) and reports the answer. The PHP
 * class itself is tested by php (wordpress-plugin/tests) against the same connector contract.
 */
export function installGatewayDouble(
  woo: FakeWooCommerce,
  connectorUrl: string,
  storeId: string,
  secret: string,
): void {
  woo.registerGateway("alma_suite", {
    supportsRefunds: true,
    processRefund: async ({ order, refund, amount, reason }) => {
      const { status, json } = await gatewayCall(connectorUrl, storeId, secret, "refunds", {
        order_id: order.id,
        refund_id: refund.id,
        amount,
        reason,
      });
      return status === 200 ? true : String(json.error ?? `HTTP ${status}`);
    },
  });
}
