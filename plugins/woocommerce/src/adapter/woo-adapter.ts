import type { FailureReason, OrderRef, PlatformAdapter, PlatformOutcome } from "@alma-suite/core";
import { writeOrder } from "../shared/remember-order-state.ts";
import { loadStore, type StoreContext } from "../store/load-store.ts";
import { orderLockKey, type WooDeps } from "../store/woo-deps.ts";
import type { WooOrder } from "../woo/woo-schemas.ts";
import { markOrderPaid } from "./mark-order-paid.ts";
import { isPaidOrder } from "./order-states.ts";
import { recordRefund } from "./record-refund.ts";

/**
 * Core's platform contract over WooCommerce's REST API. Each call re-reads the order under a
 * per-order lock and decides from its current state, so repeated and concurrent calls change it
 * once; an unknown store or order is a rejection value, a network or 5xx failure a throw (the
 * durable job retries it).
 */
type WooTarget = "failed" | "cancelled" | "on-hold";

export function createWooAdapter(deps: WooDeps): PlatformAdapter {
  const withOrder = (
    input: OrderRef,
    fn: (store: StoreContext, order: WooOrder) => Promise<PlatformOutcome>,
  ) =>
    deps.locks.run(orderLockKey(input.tenantId, input.orderRef), async (): Promise<PlatformOutcome> => {
      const store = await loadStore(deps, input.tenantId);
      const order =
        store && /^\d{1,18}$/.test(input.orderRef) ? await store.woo.getOrder(input.orderRef) : null;
      if (!store || !order) {
        return {
          status: "rejected",
          reason: "unknown_order",
          detail: `no WooCommerce order ${input.orderRef}`,
        };
      }
      return fn(store, order);
    });

  const move = (
    input: OrderRef,
    target: WooTarget | ((store: StoreContext) => WooTarget),
    note: string,
    outcome: "failed" | "cancelled" | "pending",
  ) =>
    withOrder(input, async (store, order): Promise<PlatformOutcome> => {
      const to = typeof target === "function" ? target(store) : target;
      if (isPaidOrder(order))
        return { status: "rejected", reason: "invalid_state", detail: "order already paid" };
      if (order.status === to) return { status: outcome, alreadyDone: true };
      await writeOrder(deps.storage, input.tenantId, order, to, () =>
        store.woo.updateOrder(order.id, { status: to }),
      );
      await store.woo.addNote(order.id, note);
      return { status: outcome, alreadyDone: false };
    });

  return {
    markOrderPaid: (input) => withOrder(input, (store, order) => markOrderPaid(deps, store, order, input)),
    markOrderPending: (input) =>
      move(
        input,
        "on-hold",
        `Alma is reviewing payment ${input.almaPaymentId}; the order waits for its decision.`,
        "pending",
      ),
    failOrder: (input) =>
      move(input, "failed", `Alma: ${failureText(input.reason)}. ${input.message}`, "failed"),
    releaseOrder: (input) =>
      move(
        input,
        // The merchant's choice (an abandoned checkout's stock comes back with `cancelled`).
        (store) => store.settings.releasedOrderStatus,
        input.reason === "expired"
          ? "Alma: the payment link expired without being paid."
          : "Alma: the customer gave up the payment.",
        "cancelled",
      ),
    recordRefund: (input) => withOrder(input, (store, order) => recordRefund(deps, store, order, input)),
  };
}

function failureText(reason: FailureReason): string {
  switch (reason) {
    case "amount_mismatch":
      return "the paid amount does not match the order total, the payment was flagged";
    case "refused":
    case "risk":
      return "the payment was refused";
    case "expired":
      return "the payment expired";
    default:
      return "the payment is not in a payable state";
  }
}
