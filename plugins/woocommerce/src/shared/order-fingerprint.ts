import { createHash } from "node:crypto";
import { trackedShipments } from "../status/shipment-tracking.ts";

/**
 * The part of an order our flows react to: status, total, which refunds exist and which tracking
 * numbers the shipment-tracking meta lists (a number added later is news, not an echo). An
 * `order.updated` webhook whose order has the fingerprint we last wrote or handled is the echo
 * of our own write (or a change we do not care about, like an address edit) and is ignored.
 */
export function orderFingerprint(order: {
  status: string;
  total: string;
  refunds: readonly { id: number }[];
  meta_data?: readonly { key: string; value: unknown }[];
}): string {
  const refunds = order.refunds
    .map((r) => r.id)
    .sort((a, b) => a - b)
    .join(",");
  const tracking = trackedShipments(order.meta_data ?? []).map((s) => s.trackingNumber);
  // Orders without tracking keep the fingerprint they had before tracking numbers counted.
  const shipments = tracking.length > 0 ? `|${tracking.join(",")}` : "";
  return createHash("sha256")
    .update(`${order.status}|${order.total}|${refunds}${shipments}`)
    .digest("base64url")
    .slice(0, 22);
}
