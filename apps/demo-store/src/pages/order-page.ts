import { describePlan, formatDay, html, parsePlanKey, type SafeHtml } from "@alma-suite/core";
import { productName } from "../catalogue.ts";
import type { DemoText } from "../demo-text.ts";
import { attemptFailedNotice, statusNotice } from "../orders/order-status.ts";
import type { DemoOrder, ScheduleLine } from "../orders/order-store.ts";
import { price } from "./price.ts";

const REFUNDABLE = new Set(["paid", "partially_refunded"]);

/** The order after Alma: what happened in plain words, what was bought, and the refund button. */
export function orderPage(
  text: DemoText,
  order: DemoOrder,
  flash?: string,
  options: { attemptFailed?: boolean; refundDone?: boolean } = {},
): SafeHtml {
  const { t } = text;
  const notice = options.attemptFailed ? attemptFailedNotice(text) : statusNotice(order.status, text);
  const plan = planName(text, order.plan);
  // The schedule only means something for an order Alma took; a cancelled or refused one charged nothing.
  const showSchedule = order.schedule.length > 0 && notice.tone !== "bad";
  return html`<h1>${t("order.title", { number: order.number })}</h1>
<div class="notice ${notice.tone}" role="status"><p><strong data-testid="order-status">${notice.label}</strong></p><p>${notice.message}</p></div>
${flash ? html`<p class="notice wait" role="alert">${flash}</p>` : ""}
${options.refundDone ? html`<p class="notice good" role="alert" data-testid="refund-confirmation">${t("order.refundConfirmed", { amount: price(text, order.refundedCents) })}</p>` : ""}
<div class="table-wrap"><table>
<thead><tr><th scope="col">${t("order.product")}</th><th scope="col" class="num">${t("order.quantity")}</th><th scope="col" class="num">${t("order.total")}</th></tr></thead>
<tbody>${order.items.map(
    (item) =>
      html`<tr><td>${productName(text, item.slug, item.name)}</td><td class="num">${item.quantity}</td><td class="num">${price(text, item.unitCents * item.quantity)}</td></tr>`,
  )}</tbody>
<tfoot><tr><th scope="row">${t("order.total")}</th><td></td><td class="num"><strong>${price(text, order.amountCents)}</strong></td></tr>
${order.refundedCents > 0 ? html`<tr><th scope="row">${t("order.refunded")}</th><td></td><td class="num" data-testid="refunded">${price(text, order.refundedCents)}</td></tr>` : ""}</tfoot>
</table></div>
${plan ? html`<p data-testid="order-plan">${t("order.paidWith", { plan })}</p>` : ""}
${showSchedule ? scheduleTable(text, order) : ""}
${
  REFUNDABLE.has(order.status)
    ? html`<form method="get" action="/demo/orders/${order.id}/refund"><p><button type="submit" class="secondary">${t("order.refund", { amount: price(text, order.amountCents - order.refundedCents) })}</button></p></form>`
    : ""
}
${
  notice.tone === "bad"
    ? html`<p>${options.attemptFailed ? html`<a class="button" href="/demo/checkout">${t("order.tryAgain")}</a> ` : ""}<a class="button${options.attemptFailed ? " secondary" : ""}" href="/demo/cart">${t("order.backToCart")}</a></p>`
    : ""
}
<p><a href="/demo/orders">${t("order.allOrders")}</a> · <a href="/dashboard/">${t("order.inDashboard")}</a></p>`;
}

/**
 * The instalments as Alma announced them when the shopper chose the plan: each due date and amount,
 * and what the card is charged on the day of the order (nothing for a pay-later plan).
 */
function scheduleTable(text: DemoText, order: DemoOrder): SafeHtml {
  const { t } = text;
  const orderDay = new Date(order.createdAt).toISOString().slice(0, 10);
  const today = order.schedule
    .filter((line) => line.dueDate <= orderDay)
    .reduce((sum, line) => sum + line.amountCents, 0);
  return html`<p data-testid="charged-today"><strong>${t("order.chargedToday", { amount: price(text, today) })}</strong></p>
<div class="table-wrap"><table class="schedule" data-testid="schedule">
<caption>${t("order.schedule")}</caption>
<thead><tr><th scope="col">${t("order.dueDate")}</th><th scope="col" class="num">${t("order.amount")}</th></tr></thead>
<tbody>${order.schedule.map((line: ScheduleLine) => {
    const day = formatDay(Date.parse(`${line.dueDate}T00:00:00Z`) / 1000, text.locale, "UTC");
    return html`<tr><td>${day}${line.dueDate <= orderDay ? html` (${t("order.today")})` : ""}</td><td class="num">${price(text, line.amountCents)}</td></tr>`;
  })}</tbody>
</table></div>`;
}

/** "Pay in 3 instalments" rather than Alma's plan key. */
function planName(text: DemoText, planKey: string | null): string | null {
  const plan = parsePlanKey(planKey ?? "");
  return plan ? describePlan(plan, text.locale) : null;
}

/** What a refund does before the customer asks for it: amount, where the money goes, what stops. */
export function refundConfirmPage(text: DemoText, order: DemoOrder): SafeHtml {
  const { t } = text;
  const left = price(text, order.amountCents - order.refundedCents);
  return html`<h1>${t("order.refundTitle", { number: order.number })}</h1>
<p>${t("order.refundExplain", { amount: left })}</p>
<form method="post" action="/demo/orders/${order.id}/refund"><input type="hidden" name="confirm" value="yes">
<p><button type="submit">${t("order.confirmRefund", { amount: left })}</button> <a class="button secondary" href="/demo/orders/${order.id}">${t("order.keep")}</a></p></form>`;
}
