import type { AlmaPayment, PaymentState } from "../payments/alma-payment.ts";

export const DAY = 86_400;

/**
 * What an accepted payment upon trigger reports before its trigger. Alma does not document it:
 * `scored_yes` as in our fixtures, or `in_progress` as Alma's own WooCommerce plugin expects. The
 * sandbox answers either way (its `triggerState` option) so merchants' code is tested against both.
 */
export type AwaitingTriggerState = "scored_yes" | "in_progress";

/**
 * States of a payment Alma accepted. `scored_yes` is a payment upon trigger that was accepted but
 * not charged yet (nor paid out to the merchant), as in fixtures/alma/payments/awaiting-trigger.json.
 */
const ACCEPTED: ReadonlySet<PaymentState> = new Set([
  "scored_yes",
  "in_progress",
  "paid",
  "late_dunning",
  "late_contact_customer",
  "default",
]);

export function isAccepted(payment: AlmaPayment): boolean {
  return ACCEPTED.has(payment.state);
}

/**
 * The state of an accepted payment follows from its schedule: `awaitingTrigger` (default
 * `scored_yes`) until a payment upon trigger is triggered, `paid` when nothing is left due
 * (also after refunds), late states by how long the oldest failed instalment has been unpaid
 * (≤ 7 days dunning, 8–15 days contact, more than 15 days default).
 */
export function settleState(
  payment: AlmaPayment,
  now: number,
  awaitingTrigger: AwaitingTriggerState = "scored_yes",
): PaymentState {
  if (!isAccepted(payment)) return payment.state;
  if (payment.deferred_trigger && payment.deferred_trigger_applied === null) return awaitingTrigger;
  const open = payment.payment_plan.filter((i) => i.state === "pending" || i.state === "incident");
  if (open.length === 0) return "paid";
  const incidents = open.filter((i) => i.state === "incident");
  if (incidents.length === 0) return "in_progress";
  const lateSeconds = now - Math.min(...incidents.map((i) => i.due_date));
  if (lateSeconds > 15 * DAY) return "default";
  if (lateSeconds >= 8 * DAY) return "late_contact_customer";
  return "late_dunning";
}

/** When the late state would next escalate, for the scheduler. */
export function nextEscalation(payment: AlmaPayment): number | null {
  const incidents = payment.payment_plan.filter((i) => i.state === "incident");
  if (incidents.length === 0) return null;
  const since = Math.min(...incidents.map((i) => i.due_date));
  if (payment.state === "late_dunning") return since + 8 * DAY;
  if (payment.state === "late_contact_customer") return since + 15 * DAY + 1;
  return null;
}
