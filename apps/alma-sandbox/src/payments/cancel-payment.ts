import { type ActionOutcome, refused } from "./action-outcome.ts";
import type { PaymentRecord } from "./payment-record.ts";

/**
 * `PUT /v1/payments/{id}/cancel`: possible until money moves. Once the first instalment is paid the
 * merchant must refund instead. The payment ends `stopped` with a cancelation_reason.
 */
export function cancelPayment(record: PaymentRecord): ActionOutcome {
  const { payment, internal } = record;
  if (payment.state === "stopped") return { ok: true, value: undefined };
  if (payment.payment_plan.some((i) => i.date_paid !== null) || payment.state === "paid") {
    return refused(
      "invalid_state",
      "The first instalment has already been paid: refund the payment instead of cancelling it",
    );
  }
  payment.state = "stopped";
  payment.cancelation_reason = "merchant_cancel";
  internal.attempt = null;
  internal.decideAt = null;
  internal.triggerDeadline = null;
  return { ok: true, value: undefined };
}
