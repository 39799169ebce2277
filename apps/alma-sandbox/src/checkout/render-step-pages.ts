import { formatMoney, html } from "@alma-suite/core";
import type { AlmaPayment } from "../payments/alma-payment.ts";
import type { CardOnFile } from "./card-on-file.ts";
import { renderLayout } from "./render-layout.ts";
import { formatDate, renderSummary } from "./render-summary.ts";

/** The simulated bank page: every card goes through it. */
export function renderThreeDsPage(payment: AlmaPayment, card: CardOnFile, base: string): string {
  return renderLayout(
    "3-D Secure",
    "three_ds",
    html`<p>Your bank asks you to confirm this payment to <b>${payment.merchant_name}</b> with your ${card.brand} card ending in <b>${card.last4}</b>.</p>
<form method="post" action="${base}/checkout/${payment.id}/3ds" autocomplete="off">
<p><label for="code">Code received by SMS</label><input id="code" name="code" inputmode="numeric" required></p>
<p><small>Sandbox: the code <code>1234</code> passes, any other fails.</small></p>
<p><button type="submit">Confirm</button></p>
</form>`,
  );
}

/** Last step: what will be charged now, then one button. */
export function renderConfirmPage(payment: AlmaPayment, card: CardOnFile, base: string): string {
  const first = payment.payment_plan[0];
  const deferred = payment.deferred_days > 0 || payment.deferred_months > 0;
  const charge = payment.deferred_trigger
    ? html`Nothing is charged today.`
    : deferred && first
      ? html`Nothing is charged today; ${formatMoney(first.total_amount, payment.locale)} will be charged on ${formatDate(first.due_date)}.`
      : html`<b>${formatMoney(first?.total_amount ?? 0, payment.locale)}</b> will be charged now.`;
  return renderLayout(
    "Confirm your payment",
    "confirm",
    html`${renderSummary(payment)}
<p>Card: ${card.brand} ending in ${card.last4}, held by ${card.holder}. ${charge}</p>
<form method="post" action="${base}/checkout/${payment.id}/confirm">
<p><button type="submit">Pay</button></p>
</form>`,
  );
}

export interface MessageLink {
  href: string;
  label: string;
}

/** Outcomes and dead ends: refused, under review, expired, already paid, not found. */
export function renderMessagePage(
  title: string,
  outcome: string,
  message: string,
  links: MessageLink[],
): string {
  return renderLayout(
    title,
    outcome,
    html`<p>${message}</p>${links.map((link) => html`<p><a href="${link.href}">${link.label}</a></p>`)}`,
  );
}
