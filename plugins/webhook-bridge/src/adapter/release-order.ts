import type { PlatformOutcome } from "@alma-suite/core";
import type { PaymentLink, StorageTransaction } from "@alma-suite/core/storage";
import { dbOf } from "../db/bridge-db.ts";
import { type BridgeOrder, moveOrder } from "./bridge-order-store.ts";
import { publishPaymentEvent } from "./order-events.ts";

export type ReleaseReason = "customer_cancelled" | "merchant_cancelled" | "expired";

/** Ends an unpaid order (cancelled or expired) and tells the agency once. The caller holds the order's row. */
export async function releaseBridgeOrder(
  tx: StorageTransaction,
  input: { link: PaymentLink; order: BridgeOrder; reason: ReleaseReason; now: number },
): Promise<PlatformOutcome> {
  const { link, order } = input;
  if (order.status === "cancelled" || order.status === "expired")
    return { status: "cancelled", alreadyDone: true };
  const to = input.reason === "expired" ? "expired" : "cancelled";
  const moved = await moveOrder(dbOf(tx), order, ["pending", "on_hold", "authorized"], to, input.now, {
    settled: true,
  });
  if (!moved)
    return { status: "rejected", reason: "invalid_state", detail: `the order is already ${order.status}` };
  await publishPaymentEvent(tx, {
    link,
    type: to === "expired" ? "payment.expired" : "payment.cancelled",
    eventKey: `payment.released:${link.id}`,
    data: { reason: input.reason },
    now: input.now,
  });
  return { status: "cancelled", alreadyDone: false };
}
