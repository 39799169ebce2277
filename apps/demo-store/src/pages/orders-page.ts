import { formatDateTime, html, raw, type SafeHtml } from "@alma-suite/core";
import type { DemoText } from "../demo-text.ts";
import { statusNotice } from "../orders/order-status.ts";
import type { DemoOrder } from "../orders/order-store.ts";
import { price } from "./price.ts";

/** When the order was placed, with a time, in the shopper's language and Paris time (the shop's). */
const placedAt = (text: DemoText, ms: number) => formatDateTime(ms, text.locale);

/** This browser's orders, newest first, and where the merchant sees them. */
export function ordersPage(text: DemoText, orders: readonly DemoOrder[]): SafeHtml {
  const { t } = text;
  return html`<h1>${t("orders.title")}</h1>
${
  orders.length === 0
    ? html`<p>${t("orders.none")} <a href="/demo">${t("cart.browse")}</a>.</p>`
    : html`<div class="table-wrap"><table>
<thead><tr><th scope="col">${t("orders.order")}</th><th scope="col">${t("orders.date")}</th><th scope="col" class="num">${t("orders.total")}</th><th scope="col">${t("orders.status")}</th></tr></thead>
<tbody>${orders.map(
        (order) => html`<tr><td><a href="/demo/orders/${order.id}">${order.number}</a></td>
<td>${placedAt(text, order.createdAt)}</td>
<td class="num">${price(text, order.amountCents)}</td><td>${statusNotice(order.status, text).label}</td></tr>`,
      )}</tbody></table></div>`
}
<p>${raw(t("orders.dashboard"))}</p>`;
}
