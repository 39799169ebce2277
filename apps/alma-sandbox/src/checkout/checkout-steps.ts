import type { Translator } from "@alma-suite/core";
import { acceptPayment, refusePayment } from "../payments/accept-payment.ts";
import type { PaymentRecord } from "../payments/payment-record.ts";
import { notifyMerchant, type SandboxContext } from "../sandbox-context.ts";
import { annualRateOf } from "./annual-rate.ts";
import { checkoutText } from "./checkout-text.ts";
import { closedPage, retryLinks } from "./closed-page.ts";
import { expiresBefore, readCardForm } from "./read-card-form.ts";
import { renderCheckoutPage } from "./render-checkout-page.ts";
import { renderConfirmPage, renderMessagePage, renderThreeDsPage } from "./render-step-pages.ts";
import { REFUSED_CARD_TYPES } from "./test-cards.ts";

export type StepResult = { redirect: string } | { status: number; html: string };

const THREE_DS_CODE = "1234";
/** Tries at the 3-D Secure code before the bank gives up, as banks allow a few typing mistakes. */
const THREE_DS_TRIES = 3;
const DAY = 86_400;

const textOf = (record: PaymentRecord): Translator => checkoutText(record.payment.locale);

export function showCheckout(ctx: SandboxContext, record: PaymentRecord, base: string): StepResult {
  const text = textOf(record);
  const closed = closedPage(record.payment, text);
  return {
    status: 200,
    html: closed ?? renderCheckoutPage(record.payment, base, text, annualRateOf(ctx, record)),
  };
}

/** Card form posted: field mistakes re-render the form; card-type and expiry refusals end here. */
export function submitCard(
  ctx: SandboxContext,
  record: PaymentRecord,
  body: unknown,
  base: string,
): StepResult {
  const { payment } = record;
  const text = textOf(record);
  const closed = closedPage(payment, text);
  if (closed) return { status: 409, html: closed };
  const form = readCardForm(body, ctx.clock.nowMs());
  if (!form.ok)
    return { status: 400, html: renderCheckoutPage(payment, base, text, annualRateOf(ctx, record), form) };
  const typeRefusal = REFUSED_CARD_TYPES[form.card.behaviour];
  if (typeRefusal) return retryableRefusal(ctx, record, base, "card_type_refused", typeRefusal);
  const lastDue = Math.max(...payment.payment_plan.map((i) => i.due_date));
  if (expiresBefore(form.card, lastDue)) {
    return retryableRefusal(ctx, record, base, "card_expires_too_soon", "expiresTooSoon");
  }
  record.internal.attempt = { card: form.card, step: "3ds" };
  ctx.payments.save(record);
  return { redirect: `${base}/checkout/${payment.id}/3ds` };
}

export function showThreeDs(record: PaymentRecord, base: string): StepResult {
  const attempt = record.internal.attempt;
  if (attempt?.step !== "3ds") return { redirect: `${base}/checkout/${record.payment.id}` };
  return { status: 200, html: renderThreeDsPage(record.payment, attempt.card, base, textOf(record)) };
}

/**
 * The bank's answer. A mistyped code on a good card is the customer's typo, not a refusal: the
 * page asks again (a few tries). A card whose 3-D Secure fails, or too many wrong codes, is a
 * refusal the customer gets past with another card.
 */
export function submitThreeDs(
  ctx: SandboxContext,
  record: PaymentRecord,
  body: unknown,
  base: string,
): StepResult {
  const attempt = record.internal.attempt;
  const text = textOf(record);
  if (attempt?.step !== "3ds" || closedPage(record.payment, text)) {
    return { redirect: `${base}/checkout/${record.payment.id}` };
  }
  const code = typeof body === "object" && body !== null ? (body as Record<string, unknown>).code : undefined;
  if (attempt.card.behaviour === "three_ds_failure") {
    return retryableRefusal(ctx, record, base, "three_ds_failed", "threeDsFailed");
  }
  if (code !== THREE_DS_CODE) {
    const wrongCodes = (attempt.wrongCodes ?? 0) + 1;
    if (wrongCodes >= THREE_DS_TRIES)
      return retryableRefusal(ctx, record, base, "three_ds_failed", "threeDsFailed");
    record.internal.attempt = { ...attempt, wrongCodes };
    ctx.payments.save(record);
    const error = text.t("threeDs.wrongCode", { count: THREE_DS_TRIES - wrongCodes });
    return { status: 400, html: renderThreeDsPage(record.payment, attempt.card, base, text, error) };
  }
  record.internal.attempt = { card: attempt.card, step: "confirm" };
  ctx.payments.save(record);
  return { redirect: `${base}/checkout/${record.payment.id}/confirm` };
}

export function showConfirm(ctx: SandboxContext, record: PaymentRecord, base: string): StepResult {
  const attempt = record.internal.attempt;
  if (attempt?.step !== "confirm") return { redirect: `${base}/checkout/${record.payment.id}` };
  return {
    status: 200,
    html: renderConfirmPage(record.payment, attempt.card, base, textOf(record), annualRateOf(ctx, record)),
  };
}

/** The customer pays: Alma scores the payment, checks the balance, then accepts or refuses. */
export function submitConfirm(ctx: SandboxContext, record: PaymentRecord, base: string): StepResult {
  const { payment, internal } = record;
  const text = textOf(record);
  const attempt = internal.attempt;
  if (attempt?.step !== "confirm" || closedPage(payment, text))
    return { redirect: `${base}/checkout/${payment.id}` };
  const now = ctx.clock.nowSeconds();
  const behaviour = attempt.card.behaviour;
  if (behaviour === "insufficient_funds") {
    return retryableRefusal(ctx, record, base, "insufficient_funds", "insufficientFunds");
  }
  internal.card = attempt.card;
  if (behaviour === "risk_refusal") {
    refusePayment(record);
    ctx.payments.save(record);
    return { status: 200, html: closedPage(payment, text) ?? "" };
  }
  if (behaviour === "scored_maybe") {
    payment.state = "scored_maybe";
    internal.attempt = null;
    internal.decideAt = now + DAY;
    ctx.payments.save(record);
    return { status: 200, html: closedPage(payment, text) ?? "" };
  }
  acceptPayment(record, now, ctx.triggerState);
  ctx.payments.save(record);
  notifyMerchant(ctx, record, "accepted");
  if (payment.return_url) return { redirect: payment.return_url };
  return { status: 200, html: closedPage(payment, text) ?? "" };
}

/** A refusal the customer can get past with another card: the payment stays not_started. */
function retryableRefusal(
  ctx: SandboxContext,
  record: PaymentRecord,
  base: string,
  outcome: string,
  messageKey: string,
): StepResult {
  record.internal.attempt = null;
  ctx.payments.save(record);
  const text = textOf(record);
  return {
    status: 200,
    html: renderMessagePage(
      text,
      text.t("outcome.refusedTitle"),
      outcome,
      text.t(`outcome.${messageKey}`),
      retryLinks(record.payment, base, text),
    ),
  };
}
