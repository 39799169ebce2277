import type { Payment } from "@alma-suite/core";
import { confirmPayment, findOurRefund, settleRefundState } from "@alma-suite/core/flows";
import type { PaymentLink, StorageTransaction } from "@alma-suite/core/storage";
import { type BridgeOrder, getOrder, lockOrder, markOrderSynced } from "../adapter/bridge-order-store.ts";
import { publishPaymentEvent } from "../adapter/order-events.ts";
import { recordBridgeRefund } from "../adapter/record-refund.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";

type Ctx = Pick<BridgeContext, "storage" | "almaFor" | "now">;

const LATE_INSTALMENT = ["incident", "claimed"];
const LATE_PAYMENT = ["late", "late_dunning", "late_contact_customer", "default"];
const OVER = ["stopped", "collection_done"];
const ABANDONED_AFTER_MS = 24 * 3_600_000;

/**
 * Compares one payment with Alma and tells the agency what it has not heard: a missed
 * notification (through the shared confirmation), instalments collected or late, refunds made
 * in Alma's dashboard, the last instalment paid. Every event has a key, so running this any
 * number of times publishes each fact once.
 */
export async function syncPayment(
  ctx: Ctx,
  input: { tenantId: string; paymentLinkId: string },
): Promise<void> {
  const { storage } = ctx;
  const link = await storage.getPaymentLink(input.tenantId, input.paymentLinkId);
  if (!link) return;
  if (!link.almaPaymentId) {
    // Creating the Alma payment failed: nothing to watch once the agency had time to retry.
    await markOrderSynced(dbOf(storage), link.id, ctx.now(), ctx.now() - link.createdAt > ABANDONED_AFTER_MS);
    return;
  }
  const alma = await ctx.almaFor(link.tenantId, { mode: link.almaMode });
  if (link.state === "pending" || link.state === "authorized") {
    await confirmPayment(
      { storage, alma },
      { tenantId: link.tenantId, almaPaymentId: link.almaPaymentId, source: "reconciliation" },
    );
  }
  const order = await getOrder(dbOf(storage), link.tenantId, link.id);
  if (!order) return;
  if (order.status !== "paid" && order.status !== "refunded") {
    const over = order.status === "failed" || order.status === "cancelled" || order.status === "expired";
    await markOrderSynced(dbOf(storage), link.id, ctx.now(), over);
    return;
  }
  const payment = await alma.payments.fetch(link.almaPaymentId);
  await storage.transaction(async (tx) => {
    const locked = await lockOrder(dbOf(tx), link.tenantId, link.id, ctx.now());
    if (!locked) return;
    await publishInstalments(tx, link, payment, ctx.now());
    await mirrorAlmaRefunds(tx, link, locked, payment, ctx.now());
    const paidOff = payment.state === "paid" && payment.is_completely_refunded !== true;
    if (paidOff) {
      await publishPaymentEvent(tx, {
        link,
        type: "payment.paid",
        eventKey: `payment.paid:${link.id}`,
        now: ctx.now(),
      });
    }
    const settled = paidOff || payment.is_completely_refunded === true || OVER.includes(payment.state);
    await markOrderSynced(dbOf(tx), link.id, ctx.now(), settled);
  });
}

async function publishInstalments(tx: StorageTransaction, link: PaymentLink, payment: Payment, now: number) {
  let lateSeen = false;
  for (const [index, line] of payment.payment_plan.entries()) {
    const number = index + 1;
    const instalment = {
      number,
      due_date: new Date(line.due_date * 1000).toISOString().slice(0, 10),
      amount: line.total_amount ?? line.purchase_amount + line.customer_fee + line.customer_interest,
      paid_at: line.date_paid ? new Date(line.date_paid * 1000).toISOString() : null,
    };
    // An instalment a refund cancelled shows 0 and "paid": nothing was collected.
    if (line.state === "paid" && line.purchase_amount > 0) {
      await publishPaymentEvent(tx, {
        link,
        type: "payment.instalment_paid",
        eventKey: `payment.instalment_paid:${link.id}:${number}`,
        data: { instalment, instalments_count: payment.installments_count },
        now,
      });
    }
    if (LATE_INSTALMENT.includes(line.state)) {
      lateSeen = true;
      await publishPaymentEvent(tx, {
        link,
        type: "payment.late",
        eventKey: `payment.late:${link.id}:${number}`,
        data: { instalment, alma_state: payment.state },
        now,
      });
    }
  }
  if (!lateSeen && LATE_PAYMENT.includes(payment.state)) {
    await publishPaymentEvent(tx, {
      link,
      type: "payment.late",
      eventKey: `payment.late:${link.id}:state`,
      data: { alma_state: payment.state },
      now,
    });
  }
}

/** Refunds made at Alma (dashboard) become ours too, capped at what is left so sums stay exact. */
async function mirrorAlmaRefunds(
  tx: StorageTransaction,
  link: PaymentLink,
  order: BridgeOrder,
  payment: Payment,
  now: number,
) {
  let current = order;
  const ours = await tx.listRefunds(link.tenantId, link.id);
  for (const almaRefund of payment.refunds) {
    // Ours already, or still pending: the refund flow or its job completes it.
    if (findOurRefund(ours, almaRefund)) continue;
    const reference = almaRefund.merchant_reference ?? `alma:${almaRefund.id}`;
    const left = link.amountCents - (await tx.sumRefundedCents(link.tenantId, link.id));
    const amount = Math.min(almaRefund.amount, left);
    if (amount <= 0) continue;
    const created = await tx.createRefund({
      tenantId: link.tenantId,
      paymentLinkId: link.id,
      platformRefundRef: reference,
      amountCents: amount,
      origin: "alma",
      almaRefundId: almaRefund.id,
      state: "succeeded",
    });
    if (created.outcome !== "created") continue;
    await settleRefundState(tx, link);
    await recordBridgeRefund(tx, {
      link,
      order: current,
      almaRefundId: almaRefund.id,
      amountCents: amount,
      reference,
      refundId: created.refund.id,
      now,
    });
    current = (await getOrder(dbOf(tx), link.tenantId, link.id)) ?? current;
  }
}
