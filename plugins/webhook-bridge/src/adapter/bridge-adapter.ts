import type { PlatformAdapter } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import { dbOf } from "../db/bridge-db.ts";
import { enqueuePaymentSync } from "../reconcile/sync-payment-job-key.ts";
import { moveOrder } from "./bridge-order-store.ts";
import { publishPaymentEvent } from "./order-events.ts";
import { recordBridgeRefund } from "./record-refund.ts";
import { releaseBridgeOrder } from "./release-order.ts";
import { withOrder } from "./with-order.ts";

const OPEN = ["pending", "on_hold"] as const;
// Alma accepting the customer's payment wins even over an order we had given up on.
const ACCEPTABLE = [...OPEN, "failed", "cancelled", "expired"] as const;

/**
 * Turns core's outcomes into the agency's events. Each method moves the bridge order with a
 * compare-and-set and publishes its event in the same transaction, keyed per payment, so however
 * often core calls, the agency hears each thing once.
 */
export function bridgeAdapter(deps: { storage: Storage; now: () => number }): PlatformAdapter {
  const { storage, now } = deps;
  return {
    markOrderPaid: (input) =>
      withOrder(storage, now, input, async (tx, link, order) => {
        const db = dbOf(tx);
        if (input.authorizedOnly) {
          const moved = await moveOrder(db, order, ACCEPTABLE, "authorized", now(), { settled: false });
          if (moved) {
            await publishPaymentEvent(tx, {
              link,
              type: "payment.accepted",
              eventKey: `payment.accepted:${link.id}`,
              data: { authorized_only: true },
              now: now(),
            });
          }
          return { status: "paid", alreadyDone: !moved, detail: "authorised: charged when triggered" };
        }
        const moved = await moveOrder(db, order, [...ACCEPTABLE, "authorized"], "paid", now(), {
          countPaid: true,
          settled: false,
        });
        if (!moved) return { status: "paid", alreadyDone: true };
        await publishPaymentEvent(tx, {
          link,
          type: "payment.accepted",
          eventKey: `payment.accepted:${link.id}`,
          data: { authorized_only: false },
          now: now(),
        });
        // Instalment 1 and a pay-now "paid" are already true at Alma: look now, not at the next pass.
        await enqueuePaymentSync(tx, { tenantId: link.tenantId, paymentLinkId: link.id, reason: "accepted" });
        return { status: "paid", alreadyDone: false };
      }),

    markOrderPending: (input) =>
      withOrder(storage, now, input, async (tx, _link, order) => {
        const moved = await moveOrder(dbOf(tx), order, ["pending"], "on_hold", now());
        return { status: "pending", alreadyDone: !moved };
      }),

    failOrder: (input) =>
      withOrder(storage, now, input, async (tx, link, order) => {
        if (order.status === "failed") return { status: "failed", alreadyDone: true };
        const moved = await moveOrder(dbOf(tx), order, [...OPEN, "authorized"], "failed", now(), {
          settled: true,
        });
        if (!moved)
          return {
            status: "rejected",
            reason: "invalid_state",
            detail: `the order is already ${order.status}`,
          };
        await publishPaymentEvent(tx, {
          link,
          type: "payment.refused",
          eventKey: `payment.refused:${link.id}`,
          data: { reason: input.reason, message: input.message },
          now: now(),
        });
        return { status: "failed", alreadyDone: false };
      }),

    releaseOrder: (input) =>
      withOrder(storage, now, input, (tx, link, order) =>
        releaseBridgeOrder(tx, { link, order, reason: input.reason, now: now() }),
      ),

    recordRefund: (input) =>
      withOrder(storage, now, input, (tx, link, order) =>
        recordBridgeRefund(tx, {
          link,
          order,
          almaRefundId: input.almaRefundId,
          amountCents: input.amountCents,
          now: now(),
        }),
      ),
  };
}
