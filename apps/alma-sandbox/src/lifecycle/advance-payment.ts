import type { IpnReason } from "../ipn/ipn-delivery.ts";
import { acceptPayment } from "../payments/accept-payment.ts";
import { applyTrigger, awaitingTrigger, collectDue } from "../payments/charge.ts";
import type { PaymentRecord } from "../payments/payment-record.ts";
import { type AwaitingTriggerState, isAccepted, settleState } from "./settle-state.ts";

/**
 * Brings a payment up to sandbox time `now`, in the order things would have happened, and says
 * which changes the merchant must be notified of.
 */
export function advancePayment(
  record: PaymentRecord,
  now: number,
  triggerState: AwaitingTriggerState = "scored_yes",
): IpnReason[] {
  const { payment, internal } = record;
  const reasons: IpnReason[] = [];
  if (payment.state === "stopped") return reasons;
  if (payment.state === "scored_maybe" && internal.decideAt !== null && internal.decideAt <= now) {
    acceptPayment(record, internal.decideAt, triggerState);
    reasons.push("accepted");
  }
  const expiresAt = expiryOf(record);
  if (expiresAt !== null && expiresAt <= now) {
    payment.expired_at = expiresAt;
    internal.attempt = null;
    reasons.push("expired");
  }
  if (!isAccepted(payment)) return reasons;
  if (awaitingTrigger(record) && internal.triggerDeadline !== null && internal.triggerDeadline <= now) {
    applyTrigger(record, internal.triggerDeadline);
  }
  collectDue(record, now);
  payment.state = settleState(payment, now, triggerState);
  return reasons;
}

/** An unpaid payment created with `expires_after` (minutes) expires once, if nobody paid it. */
export function expiryOf(record: PaymentRecord): number | null {
  const { payment } = record;
  if (payment.state !== "not_started" || payment.expired_at !== null || payment.expires_after === null)
    return null;
  return payment.created + payment.expires_after * 60;
}
