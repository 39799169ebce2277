import type { PlatformOutcome } from "@alma-suite/core";
import type { PaymentLink, StorageTransaction } from "@alma-suite/core/storage";
import { dbOf } from "../db/bridge-db.ts";
import { findMessageByKey } from "../events/message-store.ts";
import { addOrderRefund, type BridgeOrder } from "./bridge-order-store.ts";
import { publishPaymentEvent } from "./order-events.ts";

/**
 * Tells the agency about one refund Alma made, once per Alma refund id, never above the order's
 * amount. Shared by the adapter's `recordRefund`, our refund API and reconciliation of refunds
 * made in Alma's dashboard. The caller holds the order's row (withOrder).
 */
export async function recordBridgeRefund(
  tx: StorageTransaction,
  input: {
    link: PaymentLink;
    order: BridgeOrder;
    almaRefundId: string;
    amountCents: number;
    reference?: string | null;
    refundId?: string | null;
    now: number;
  },
): Promise<PlatformOutcome> {
  const { order } = input;
  if (order.status !== "paid" && order.status !== "refunded") {
    return { status: "rejected", reason: "invalid_state", detail: `the order is ${order.status}, not paid` };
  }
  const eventKey = `payment.refunded:${input.almaRefundId}`;
  if (await findMessageByKey(dbOf(tx), input.link.tenantId, eventKey))
    return { status: "refunded", alreadyDone: true };
  const total = await addOrderRefund(dbOf(tx), order, input.amountCents, input.now);
  if (total === null) {
    return {
      status: "rejected",
      reason: "refund_exceeds_paid",
      detail: `${input.amountCents} cents would exceed the ${order.amountCents - order.refundedCents} cents left`,
    };
  }
  const full = total === order.amountCents;
  await publishPaymentEvent(tx, {
    link: input.link,
    type: "payment.refunded",
    eventKey,
    now: input.now,
    data: {
      refund: {
        id: input.refundId ?? null,
        reference: input.reference ?? null,
        alma_refund_id: input.almaRefundId,
        amount: input.amountCents,
        kind: full ? "full" : "partial",
      },
      refunded_amount: total,
    },
  });
  return { status: "refunded", alreadyDone: false };
}
