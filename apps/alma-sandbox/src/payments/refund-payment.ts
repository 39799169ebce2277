import { formatMoney } from "@alma-suite/core";
import { newId } from "../ids/new-id.ts";
import { isAccepted, settleState } from "../lifecycle/settle-state.ts";
import { type ActionOutcome, refused } from "./action-outcome.ts";
import type { AlmaInstalment, AlmaRefund } from "./alma-payment.ts";
import { awaitingTrigger } from "./charge.ts";
import type { PaymentRecord } from "./payment-record.ts";

export interface RefundRequest {
  /** Purchase cents; absent for a full refund (which also refunds the customer's fees). */
  amount?: number;
  merchantReference: string | null;
  comment: string | null;
}

/**
 * Refunds as Alma makes them: what the customer still owes is cancelled first, starting with
 * the last instalment (`rebate_amount`), and only the rest is paid back from what was collected
 * (`payment_refund_amount`). A full refund cancels every open instalment (shown with
 * purchase_amount 0, state `paid`) and pays back everything collected, fee and interest included.
 * Merchants refund up to purchase_amount in all; fees and interest are Alma's business.
 */
export function refundPayment(
  record: PaymentRecord,
  request: RefundRequest,
  now: number,
): ActionOutcome<AlmaRefund> {
  const { payment, internal } = record;
  if (!isAccepted(payment) || awaitingTrigger(record)) {
    const hint = awaitingTrigger(record) ? " (not triggered yet: cancel it instead)" : "";
    return refused(
      "invalid_state",
      `Payment ${payment.id} is ${payment.state}: there is nothing to refund${hint}`,
    );
  }
  const remaining = payment.purchase_amount - internal.refundedPurchase;
  if (remaining === 0)
    return refused("validation_error", "The payment is already completely refunded", "amount");
  if (request.amount !== undefined && request.amount > remaining) {
    return refused(
      "validation_error",
      `The amount to refund (${formatMoney(request.amount)}) is greater than what remains refundable (${formatMoney(remaining)})`,
      "amount",
    );
  }
  const open = payment.payment_plan.filter(isOpen).reverse();
  let rebate = 0;
  let paidBack = 0;
  if (request.amount === undefined) {
    for (const instalment of open) {
      rebate += instalment.total_amount;
      payment.customer_fees_refunded += instalment.customer_fee;
      cancel(instalment);
    }
    for (const instalment of payment.payment_plan.filter(isCollected)) {
      const interestBack = instalment.customer_interest - instalment.refunded_interest;
      paidBack += instalment.customer_fee + interestBack;
      instalment.refunded_interest = instalment.customer_interest;
      payment.customer_fees_refunded += instalment.customer_fee;
    }
    const collectedPurchase = sum(payment.payment_plan.filter(isCollected).map((i) => i.purchase_amount));
    paidBack += collectedPurchase - internal.refundedFromCollected;
    internal.refundedFromCollected = collectedPurchase;
  } else {
    let left = request.amount;
    for (const instalment of open) {
      const take = Math.min(instalment.purchase_amount, left);
      if (take === 0) continue;
      instalment.purchase_amount -= take;
      instalment.total_amount -= take;
      rebate += take;
      left -= take;
      // Interest on principal that no longer exists is waived with it.
      if (instalment.purchase_amount === 0) {
        instalment.total_amount -= instalment.customer_interest;
        instalment.customer_interest = 0;
        if (instalment.total_amount === 0) instalment.state = "paid";
      }
    }
    paidBack = left;
    internal.refundedFromCollected += left;
  }
  internal.refundedPurchase += request.amount ?? remaining;
  payment.is_completely_refunded = internal.refundedPurchase === payment.purchase_amount;
  const refund: AlmaRefund = {
    id: newId("refund"),
    created: now,
    amount: rebate + paidBack,
    merchant_reference: request.merchantReference,
    comment: request.comment,
    payment: payment.id,
    from_payment_cancellation: false,
    payment_refund_amount: paidBack,
    rebate_amount: rebate,
  };
  payment.refunds.push(refund);
  // The sum of refunds, as in fixtures/alma/payments/fully-refunded.json: a full refund includes the
  // customer fee, so this can exceed purchase_amount.
  payment.amount_already_refunded += refund.amount;
  payment.state = settleState(payment, now);
  return { ok: true, value: refund };
}

function isOpen(instalment: AlmaInstalment): boolean {
  return instalment.state === "pending" || instalment.state === "incident";
}

function isCollected(instalment: AlmaInstalment): boolean {
  return instalment.state === "paid" && instalment.date_paid !== null;
}

function cancel(instalment: AlmaInstalment): void {
  instalment.purchase_amount = 0;
  instalment.customer_fee = 0;
  instalment.customer_interest = 0;
  instalment.total_amount = 0;
  instalment.state = "paid";
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
