import { isAccepted, settleState } from "../lifecycle/settle-state.ts";
import { type ActionOutcome, refused } from "./action-outcome.ts";
import { applyTrigger } from "./charge.ts";
import type { PaymentRecord } from "./payment-record.ts";

/** `POST /v1/payments/{id}/trigger`: payment upon trigger charges its first instalment now. */
export function triggerPayment(record: PaymentRecord, now: number): ActionOutcome {
  const { payment } = record;
  if (!payment.deferred_trigger) {
    return refused("invalid_state", 'This payment is not a payment upon trigger (deferred: "trigger")');
  }
  if (payment.deferred_trigger_applied !== null) {
    return refused("invalid_state", "This payment has already been triggered");
  }
  if (!isAccepted(payment)) {
    return refused("invalid_state", `Payment is ${payment.state}: only an accepted payment can be triggered`);
  }
  applyTrigger(record, now);
  payment.state = settleState(payment, now);
  return { ok: true, value: undefined };
}
