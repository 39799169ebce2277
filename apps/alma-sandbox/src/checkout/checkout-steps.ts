import { acceptPayment, refusePayment } from "../payments/accept-payment.ts";
import type { PaymentRecord } from "../payments/payment-record.ts";
import { notifyMerchant, type SandboxContext } from "../sandbox-context.ts";
import { closedPage, failureLinks } from "./closed-page.ts";
import { expiresBefore, readCardForm } from "./read-card-form.ts";
import { renderCheckoutPage } from "./render-checkout-page.ts";
import { renderConfirmPage, renderMessagePage, renderThreeDsPage } from "./render-step-pages.ts";
import { REFUSED_CARD_TYPES } from "./test-cards.ts";

export type StepResult = { redirect: string } | { status: number; html: string };

const THREE_DS_CODE = "1234";
const DAY = 86_400;

export function showCheckout(record: PaymentRecord, base: string): StepResult {
  const closed = closedPage(record.payment, base);
  return { status: 200, html: closed ?? renderCheckoutPage(record.payment, base) };
}

/** Card form posted: field mistakes re-render the form; card-type and expiry refusals end here. */
export function submitCard(
  ctx: SandboxContext,
  record: PaymentRecord,
  body: unknown,
  base: string,
): StepResult {
  const { payment } = record;
  const closed = closedPage(payment, base);
  if (closed) return { status: 409, html: closed };
  const form = readCardForm(body, ctx.clock.nowMs());
  if (!form.ok) return { status: 400, html: renderCheckoutPage(payment, base, form) };
  const typeRefusal = REFUSED_CARD_TYPES[form.card.behaviour];
  if (typeRefusal) return retryableRefusal(ctx, record, base, "card_type_refused", typeRefusal);
  const lastDue = Math.max(...payment.payment_plan.map((i) => i.due_date));
  if (expiresBefore(form.card, lastDue)) {
    return retryableRefusal(
      ctx,
      record,
      base,
      "card_expires_too_soon",
      "This card expires before the last instalment.",
    );
  }
  record.internal.attempt = { card: form.card, step: "3ds" };
  ctx.payments.save(record);
  return { redirect: `${base}/checkout/${payment.id}/3ds` };
}

export function showThreeDs(record: PaymentRecord, base: string): StepResult {
  const attempt = record.internal.attempt;
  if (attempt?.step !== "3ds") return { redirect: `${base}/checkout/${record.payment.id}` };
  return { status: 200, html: renderThreeDsPage(record.payment, attempt.card, base) };
}

export function submitThreeDs(
  ctx: SandboxContext,
  record: PaymentRecord,
  body: unknown,
  base: string,
): StepResult {
  const attempt = record.internal.attempt;
  if (attempt?.step !== "3ds" || closedPage(record.payment, base)) {
    return { redirect: `${base}/checkout/${record.payment.id}` };
  }
  const code = typeof body === "object" && body !== null ? (body as Record<string, unknown>).code : undefined;
  if (code !== THREE_DS_CODE || attempt.card.behaviour === "three_ds_failure") {
    return retryableRefusal(ctx, record, base, "three_ds_failed", "3-D Secure authentication failed.");
  }
  record.internal.attempt = { card: attempt.card, step: "confirm" };
  ctx.payments.save(record);
  return { redirect: `${base}/checkout/${record.payment.id}/confirm` };
}

export function showConfirm(record: PaymentRecord, base: string): StepResult {
  const attempt = record.internal.attempt;
  if (attempt?.step !== "confirm") return { redirect: `${base}/checkout/${record.payment.id}` };
  return { status: 200, html: renderConfirmPage(record.payment, attempt.card, base) };
}

/** The customer pays: Alma scores the payment, checks the balance, then accepts or refuses. */
export function submitConfirm(ctx: SandboxContext, record: PaymentRecord, base: string): StepResult {
  const { payment, internal } = record;
  const attempt = internal.attempt;
  if (attempt?.step !== "confirm" || closedPage(payment, base))
    return { redirect: `${base}/checkout/${payment.id}` };
  const now = ctx.clock.nowSeconds();
  const behaviour = attempt.card.behaviour;
  if (behaviour === "insufficient_funds") {
    return retryableRefusal(
      ctx,
      record,
      base,
      "insufficient_funds",
      "Your bank refused the payment: insufficient funds.",
    );
  }
  internal.card = attempt.card;
  if (behaviour === "risk_refusal") {
    refusePayment(record);
    ctx.payments.save(record);
    return { status: 200, html: closedPage(payment, base) ?? "" };
  }
  if (behaviour === "scored_maybe") {
    payment.state = "scored_maybe";
    internal.attempt = null;
    internal.decideAt = now + DAY;
    ctx.payments.save(record);
    return { status: 200, html: closedPage(payment, base) ?? "" };
  }
  acceptPayment(record, now, ctx.triggerState);
  ctx.payments.save(record);
  notifyMerchant(ctx, record, "accepted");
  if (payment.return_url) return { redirect: payment.return_url };
  return { status: 200, html: closedPage(payment, base) ?? "" };
}

/** A refusal the customer can get past with another card: the payment stays not_started. */
function retryableRefusal(
  ctx: SandboxContext,
  record: PaymentRecord,
  base: string,
  outcome: string,
  message: string,
): StepResult {
  record.internal.attempt = null;
  ctx.payments.save(record);
  const links = failureLinks(record.payment, base);
  if (record.payment.failure_return_url)
    links.push({ href: `${base}/checkout/${record.payment.id}`, label: "Try another card" });
  return { status: 200, html: renderMessagePage("Payment refused", outcome, message, links) };
}
