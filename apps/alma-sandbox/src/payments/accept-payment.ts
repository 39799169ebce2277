import { type AwaitingTriggerState, settleState } from "../lifecycle/settle-state.ts";
import { collectDue, markPaid } from "./charge.ts";
import type { PaymentRecord } from "./payment-record.ts";

/**
 * Alma said yes. Plain instalment plans charge the first instalment now (pay now charges all of
 * it, so the payment is `paid` at once); deferred and trigger plans charge nothing yet.
 */
export function acceptPayment(
  record: PaymentRecord,
  at: number,
  awaitingTrigger: AwaitingTriggerState = "scored_yes",
): void {
  const { payment, internal } = record;
  const deferred = payment.deferred_days > 0 || payment.deferred_months > 0 || payment.deferred_trigger;
  internal.decideAt = null;
  internal.attempt = null;
  payment.state = "in_progress";
  payment.processing_status = payment.deferred_trigger ? "awaiting_authorization" : "processed";
  payment.requirements = payment.requirements.map((r) => ({ ...r, is_met: true }));
  payment.can_be_charged = true;
  payment.preferred_payment_method = "card";
  const first = payment.payment_plan[0];
  if (!deferred && first) markPaid(first, at);
  if (!deferred) collectDue(record, at);
  payment.state = settleState(payment, at, awaitingTrigger);
}

export function refusePayment(record: PaymentRecord): void {
  record.internal.decideAt = null;
  record.internal.attempt = null;
  record.payment.state = "scored_no";
  record.payment.processing_status = null;
}
