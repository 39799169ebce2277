import { awaitingTrigger } from "../payments/charge.ts";
import type { PaymentRecord } from "../payments/payment-record.ts";
import { expiryOf } from "./advance-payment.ts";
import { isAccepted, nextEscalation } from "./settle-state.ts";

/** The sandbox time at which `advancePayment` has something to do, or null if nothing ever. */
export function nextEventAt(record: PaymentRecord): number | null {
  const { payment, internal } = record;
  const times: number[] = [];
  if (payment.state === "scored_maybe" && internal.decideAt !== null) times.push(internal.decideAt);
  const expiry = expiryOf(record);
  if (expiry !== null) times.push(expiry);
  if (isAccepted(payment)) {
    if (awaitingTrigger(record)) {
      if (internal.triggerDeadline !== null) times.push(internal.triggerDeadline);
    } else {
      for (const instalment of payment.payment_plan) {
        if (instalment.state === "pending") times.push(instalment.due_date);
      }
    }
    const escalation = nextEscalation(payment);
    if (escalation !== null) times.push(escalation);
  }
  return times.length > 0 ? Math.min(...times) : null;
}
