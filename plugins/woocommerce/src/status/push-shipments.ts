import type { PaymentLink } from "@alma-suite/core/storage";
import { linkCustom, patchLinkCustom } from "../shared/link-custom.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import type { WooOrder } from "../woo/woo-schemas.ts";
import { trackedShipments } from "./shipment-tracking.ts";

const PUSHED_LINK_STATES: PaymentLink["state"][] = ["authorized", "paid", "partially_refunded", "refunded"];
/** An order with a tracking number in one of these states has left (or is leaving) the shop. */
const SHIPPING_STATUSES = ["processing", "completed"];

/**
 * Sends Alma each tracking number the order lists (`POST /v2/orders/{id}/shipment`), as Alma's
 * PrestaShop and Magento plugins do, on the Alma order whose merchant_reference is the
 * WooCommerce order id (added first if the payment has none). Each number is sent once: the
 * ones sent are remembered on the link. Returns the tracking numbers sent now.
 */
export async function pushShipments(deps: WooDeps, link: PaymentLink, order: WooOrder): Promise<string[]> {
  if (!link.almaPaymentId || !PUSHED_LINK_STATES.includes(link.state)) return [];
  if (!SHIPPING_STATUSES.includes(order.status)) return [];
  const sent = linkCustom(link).pushedShipments ?? [];
  const todo = trackedShipments(order.meta_data).filter((s) => !sent.includes(s.trackingNumber));
  if (todo.length === 0) return [];
  const alma = await deps.almaFor(link.tenantId);
  const reference = String(order.id);
  const orders = await alma.orders.list(link.almaPaymentId);
  const almaOrder =
    orders.find((o) => o.merchant_reference === reference) ??
    (await alma.orders.add(link.almaPaymentId, { merchant_reference: reference })).find(
      (o) => o.merchant_reference === reference,
    );
  if (!almaOrder) throw new Error(`Alma did not keep order ${reference} on payment ${link.almaPaymentId}`);
  const pushed: string[] = [];
  for (const shipment of todo) {
    await alma.orders.addShipment(almaOrder.id, shipment);
    pushed.push(shipment.trackingNumber);
    await patchLinkCustom(deps.storage, link.tenantId, link.id, { pushedShipments: [...sent, ...pushed] });
  }
  return pushed;
}
