import { html, type SafeHtml } from "@alma-suite/core";
import { attemptFailedNotice, statusNotice } from "../orders/order-status.ts";
import type { DemoOrder } from "../orders/order-store.ts";
import { price } from "./price.ts";

const REFUNDABLE = new Set(["paid", "partially_refunded"]);

/** The order after Alma: what happened in plain words, what was bought, and the refund button. */
export function orderPage(
  order: DemoOrder,
  flash?: string,
  options: { attemptFailed?: boolean } = {},
): SafeHtml {
  const notice = options.attemptFailed ? attemptFailedNotice() : statusNotice(order.status);
  return html`<h1>Order ${order.number}</h1>
<div class="notice ${notice.tone}" role="status"><p><strong data-testid="order-status">${notice.label}</strong></p><p>${notice.message}</p></div>
${flash ? html`<p class="notice wait" role="alert">${flash}</p>` : ""}
<div class="table-wrap"><table>
<thead><tr><th scope="col">Product</th><th scope="col" class="num">Quantity</th><th scope="col" class="num">Total</th></tr></thead>
<tbody>${order.items.map(
    (item) =>
      html`<tr><td>${item.name}</td><td class="num">${item.quantity}</td><td class="num">${price(item.unitCents * item.quantity)}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">Total</th><td></td><td class="num"><strong>${price(order.amountCents)}</strong></td></tr>
${order.refundedCents > 0 ? html`<tr><th scope="row">Refunded</th><td></td><td class="num" data-testid="refunded">${price(order.refundedCents)}</td></tr>` : ""}</tfoot>
</table></div>
<p>Plan: ${order.plan ?? "none"}${order.paymentId ? html` · payment <code>${order.paymentId}</code>` : ""}</p>
${
  REFUNDABLE.has(order.status)
    ? html`<form method="post" action="/demo/orders/${order.id}/refund"><p><button type="submit" class="secondary">Refund ${price(order.amountCents - order.refundedCents)}</button></p></form>`
    : ""
}
${
  notice.tone === "bad"
    ? html`<p>${options.attemptFailed ? html`<a class="button" href="/demo/checkout">Try again</a> ` : ""}<a class="button${options.attemptFailed ? " secondary" : ""}" href="/demo/cart">Back to your cart</a></p>`
    : ""
}
<p><a href="/demo/orders">All your orders</a> · <a href="/dashboard/">See the payment in the dashboard</a></p>`;
}
