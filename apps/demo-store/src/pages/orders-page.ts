import { html, type SafeHtml } from "@alma-suite/core";
import { statusNotice } from "../orders/order-status.ts";
import type { DemoOrder } from "../orders/order-store.ts";
import { price } from "./price.ts";

/** This browser's orders, newest first, and where the merchant sees them. */
export function ordersPage(orders: readonly DemoOrder[]): SafeHtml {
  return html`<h1>Your orders</h1>
${
  orders.length === 0
    ? html`<p>No order yet. <a href="/demo">Browse the shop</a>.</p>`
    : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">Order</th><th scope="col">Date</th><th scope="col" class="num">Total</th><th scope="col">Status</th></tr></thead>
<tbody>${orders.map(
        (order) => html`<tr><td><a href="/demo/orders/${order.id}">${order.number}</a></td>
<td>${new Date(order.createdAt).toISOString().slice(0, 16).replace("T", " ")} UTC</td>
<td class="num">${price(order.amountCents)}</td><td>${statusNotice(order.status).label}</td></tr>`,
      )}</tbody></table></div>`
}
<p>The merchant follows the same payments, refunds and webhook deliveries in the <a href="/dashboard/">dashboard</a> (sign in with the operator token printed by <code>npm start</code>).</p>`;
}
