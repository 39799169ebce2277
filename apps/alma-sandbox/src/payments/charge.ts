import { addMonthsClamped } from "@alma-suite/core";
import type { AlmaInstalment } from "./alma-payment.ts";
import type { PaymentRecord } from "./payment-record.ts";

export function markPaid(instalment: AlmaInstalment, at: number): void {
  instalment.state = "paid";
  instalment.date_paid = at;
}

/** Payment upon trigger: the schedule starts now, with the first instalment charged at once. */
export function applyTrigger(record: PaymentRecord, at: number): void {
  const { payment } = record;
  const start = new Date(at * 1000);
  payment.payment_plan.forEach((instalment, index) => {
    instalment.due_date = Math.floor(addMonthsClamped(start, index).getTime() / 1000);
  });
  const first = payment.payment_plan[0];
  if (first) markPaid(first, at);
  payment.deferred_trigger_applied = at;
  payment.processing_status = "processed";
  record.internal.triggerDeadline = null;
}

/** Whether the schedule is on hold until the merchant triggers it. */
export function awaitingTrigger(record: PaymentRecord): boolean {
  return record.payment.deferred_trigger && record.payment.deferred_trigger_applied === null;
}

/**
 * Charges every pending instalment whose due date has come. The "fails later" test card pays its
 * first charge and fails every later one (the instalment stays in `incident`).
 */
export function collectDue(record: PaymentRecord, now: number): void {
  if (awaitingTrigger(record)) return;
  const failsLater = record.internal.card?.behaviour === "fails_later";
  record.payment.payment_plan.forEach((instalment, index) => {
    if (instalment.state !== "pending" || instalment.due_date > now) return;
    if (failsLater && index > 0) instalment.state = "incident";
    else markPaid(instalment, instalment.due_date);
  });
}
