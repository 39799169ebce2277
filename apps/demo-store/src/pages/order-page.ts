import { describePlan, html, parsePlanKey, type SafeHtml } from "@alma-suite/core";
import { attemptFailedNotice, statusNotice } from "../orders/order-status.ts";
import type { DemoOrder } from "../orders/order-store.ts";
import { DEMO_LOCALE, price } from "./price.ts";

const REFUNDABLE = new Set(["paid", "partially_refunded"]);

/** The order after Alma: what happened in plain words, what was bought, and the refund button. */
export function orderPage(
  order: DemoOrder,
  flash?: string,
  options: { attemptFailed?: boolean; refundDone?: boolean } = {},
): SafeHtml {
  const notice = options.attemptFailed ? attemptFailedNotice() : statusNotice(order.status);
  return html`<h1>Order ${order.number}</h1>
<div class="notice ${notice.tone}" role="status"><p><strong data-testid="order-status">${notice.label}</strong></p><p>${notice.message}</p></div>
${flash ? html`<p class="notice wait" role="alert">${flash}</p>` : ""}
${options.refundDone ? html`<p class="notice good" role="alert" data-testid="refund-confirmation">Refund confirmed: ${price(order.refundedCents)}. What you had already paid goes back to your card within a few days; instalments not yet due are cancelled.</p>` : ""}
<div class="table-wrap"><table>
<thead><tr><th scope="col">Product</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Total</th></tr></thead>
<tbody>${order.items.map(
    (item) =>
      html`<tr><td>${item.name}</td><td class="num">${item.quantity}</td><td class="num">${price(item.unitCents * item.quantity)}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">Total</th><td></td><td class="num"><strong>${price(order.amountCents)}</strong></td></tr>
${order.refundedCents > 0 ? html`<tr><th scope="row">Refunded</th><td></td><td class="num" data-testid="refunded">${price(order.refundedCents)}</td></tr>` : ""}</tfoot>
</table></div>
${planName(order.plan) ? html`<p>Paid with Alma: ${planName(order.plan)}</p>` : ""}
${
  REFUNDABLE.has(order.status)
    ? html`<form method="get" action="/demo/orders/${order.id}/refund"><p><button type="submit" class="secondary">Refund ${price(order.amountCents - order.refundedCents)}</button></p></form>`
    : ""
}
${
  notice.tone === "bad"
    ? html`<p>${options.attemptFailed ? html`<a class="button" href="/demo/checkout">Try again</a> ` : ""}<a class="button${options.attemptFailed ? " secondary" : ""}" href="/demo/cart">Back to your cart</a></p>`
    : ""
}
<p><a href="/demo/orders">All your orders</a> · <a href="/dashboard/">See the payment in the dashboard</a></p>`;
}

/** "Pay in 3 instalments" rather than Alma's plan key. */
function planName(planKey: string | null): string | null {
  const plan = parsePlanKey(planKey ?? "");
  return plan ? describePlan(plan, DEMO_LOCALE) : null;
}

/** What a refund does before the customer asks for it: amount, where the money goes, what stops. */
export function refundConfirmPage(order: DemoOrder): SafeHtml {
  const left = order.amountCents - order.refundedCents;
  return html`<h1>Refund order ${order.number}?</h1>
<p>The refund is ${price(left)}. What you have already paid goes back to your card within a few days, and the instalments not yet due are cancelled: nothing more will be charged.</p>
<form method="post" action="/demo/orders/${order.id}/refund"><input type="hidden" name="confirm" value="yes">
<p><button type="submit">Confirm the refund of ${price(left)}</button> <a class="button secondary" href="/demo/orders/${order.id}">Keep my order</a></p></form>`;
}
