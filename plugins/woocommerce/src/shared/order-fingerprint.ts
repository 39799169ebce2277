import { createHash } from "node:crypto";

/**
 * The part of an order our flows react to: status, total and which refunds exist. An
 * `order.updated` webhook whose order has the fingerprint we last wrote or handled is the echo
 * of our own write (or a change we do not care about, like an address edit) and is ignored.
 */
export function orderFingerprint(order: {
  status: string;
  total: string;
  refunds: readonly { id: number }[];
}): string {
  const refunds = order.refunds
    .map((r) => r.id)
    .sort((a, b) => a - b)
    .join(",");
  return createHash("sha256")
    .update(`${order.status}|${order.total}|${refunds}`)
    .digest("base64url")
    .slice(0, 22);
}
