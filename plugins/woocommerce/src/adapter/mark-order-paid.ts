import type { OrderRef, PlatformOutcome } from "@alma-suite/core";
import { writeOrder } from "../shared/remember-order-state.ts";
import type { StoreContext } from "../store/load-store.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { wooCents } from "../woo/woo-money.ts";
import type { WooOrder } from "../woo/woo-schemas.ts";
import { isPaidOrder, needsPayment } from "./order-states.ts";

export type MarkPaidInput = OrderRef & {
  almaPaymentId: string;
  amountCents: number;
  authorizedOnly?: boolean;
};

/**
 * Marks the order paid once: `set_paid` while it needs payment (pending, failed), otherwise status
 * `processing`, with `transaction_id` = the Alma payment id, then an order note. The order total is
 * checked again here because a merchant can edit an order after its payment was created: a
 * mismatch fails the order and flags the payment at Alma instead.
 */
export async function markOrderPaid(
  deps: WooDeps,
  store: StoreContext,
  order: WooOrder,
  input: MarkPaidInput,
): Promise<PlatformOutcome> {
  const { woo } = store;
  const pid = input.almaPaymentId;
  if (isPaidOrder(order, pid)) {
    if (order.transaction_id === pid) await ensureNote(store, order.id, pid);
    return { status: "paid", alreadyDone: true };
  }
  if (wooCents(order.total) !== input.amountCents) {
    return amountMismatch(deps, store, order, input);
  }
  if (input.authorizedOnly) {
    if (order.status === "on-hold") return { status: "pending", alreadyDone: true };
    await writeOrder(deps.storage, input.tenantId, order, "on-hold", () =>
      woo.updateOrder(order.id, { status: "on-hold", transaction_id: pid }),
    );
    await woo.addNote(
      order.id,
      `Alma: payment ${pid} authorised; the first instalment is charged when it is triggered.`,
    );
    return { status: "pending", alreadyDone: false, detail: "authorised, waiting for the trigger" };
  }
  const meta = [{ key: "alma_payment_id", value: pid }];
  await writeOrder(deps.storage, input.tenantId, order, "processing", () =>
    needsPayment(order)
      ? woo.updateOrder(order.id, { set_paid: true, transaction_id: pid, meta_data: meta })
      : woo.updateOrder(order.id, { status: "processing", transaction_id: pid, meta_data: meta }),
  );
  await woo.addNote(order.id, paidNote(pid, order.status));
  return { status: "paid", alreadyDone: false };
}

function paidNote(pid: string, previousStatus: string): string {
  const warning = previousStatus === "cancelled" ? " The order had been cancelled: check its stock." : "";
  return `Alma: payment ${pid} accepted, order paid.${warning}`;
}

/** After a crash between the status change and the note, a retry adds the missing note. */
async function ensureNote(store: StoreContext, orderId: number, pid: string): Promise<void> {
  const notes = await store.woo.listNotes(orderId);
  if (!notes.some((n) => n.note.includes(pid))) await store.woo.addNote(orderId, paidNote(pid, ""));
}

async function amountMismatch(
  deps: WooDeps,
  store: StoreContext,
  order: WooOrder,
  input: MarkPaidInput,
): Promise<PlatformOutcome> {
  const message = `Alma payment ${input.almaPaymentId} is ${input.amountCents} cents but the order total is now ${order.total}`;
  const link = await deps.storage.findPaymentByAlmaId(input.tenantId, input.almaPaymentId);
  const alma = await deps.almaFor(input.tenantId, link ? { mode: link.almaMode } : undefined);
  await alma.payments.flagPotentialFraud(input.almaPaymentId, "amount_mismatch");
  await writeOrder(deps.storage, input.tenantId, order, "failed", () =>
    store.woo.updateOrder(order.id, { status: "failed" }),
  );
  await store.woo.addNote(order.id, `Alma: ${message}. The order was failed and the payment flagged.`);
  if (link)
    await deps.storage.transitionPayment(input.tenantId, link.id, ["paid", "authorized"], "fraud_suspected");
  deps.logger.warn(
    { tenantId: input.tenantId, orderId: order.id, pid: input.almaPaymentId },
    "order total changed after payment",
  );
  return { status: "rejected", reason: "invalid_state", detail: message };
}
