import type { OrderRef, PlatformOutcome } from "@alma-suite/core";
import type { PaymentLink, Storage, StorageTransaction } from "@alma-suite/core/storage";
import { dbOf } from "../db/bridge-db.ts";
import { type BridgeOrder, ensureOrder, lockOrder } from "./bridge-order-store.ts";

/**
 * Runs `fn` in a transaction holding the order's row: the link found by the agency's order
 * reference, its bridge order created if missing. An unknown reference is a rejection value.
 */
export async function withOrder(
  storage: Storage,
  now: () => number,
  input: OrderRef,
  fn: (tx: StorageTransaction, link: PaymentLink, order: BridgeOrder) => Promise<PlatformOutcome>,
): Promise<PlatformOutcome> {
  return storage.transaction(async (tx) => {
    const link = await tx.findPaymentByOrderRef(input.tenantId, input.orderRef);
    if (!link) {
      return {
        status: "rejected",
        reason: "unknown_order",
        detail: `no checkout with order reference ${input.orderRef}`,
      };
    }
    const db = dbOf(tx);
    await ensureOrder(db, {
      tenantId: link.tenantId,
      paymentLinkId: link.id,
      amountCents: link.amountCents,
      now: now(),
    });
    const order = await lockOrder(db, link.tenantId, link.id, now());
    if (!order) throw new Error(`bridge order of ${link.id} vanished`);
    return fn(tx, link, order);
  });
}
