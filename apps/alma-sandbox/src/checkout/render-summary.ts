import { describePlan, formatMoney, html, type SafeHtml } from "@alma-suite/core";
import type { AlmaPayment } from "../payments/alma-payment.ts";

const DATE = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "long",
  year: "numeric",
  timeZone: "UTC",
});

export function formatDate(unixSeconds: number): string {
  return DATE.format(new Date(unixSeconds * 1000));
}

/** Merchant, amount, plan and the full schedule with fees, as the customer must see before paying. */
export function renderSummary(payment: AlmaPayment): SafeHtml {
  const plan = describePlan(
    {
      kind: "general",
      installmentsCount: payment.installments_count,
      deferredDays: payment.deferred_days,
      deferredMonths: payment.deferred_months,
    },
    payment.locale,
  );
  const cost = payment.customer_fee + payment.customer_interest;
  const total = payment.payment_plan.reduce((sum, i) => sum + i.total_amount, 0);
  const trigger = payment.deferred_trigger
    ? html`<p class="notice">Nothing is charged today: the first instalment is charged ${
        payment.deferred_trigger_description ?? "at shipping"
      }, and the dates below move with it.</p>`
    : null;
  return html`<p><b>${payment.merchant_name}</b> · order total <b>${formatMoney(payment.purchase_amount, payment.locale)}</b></p>
<p>${plan}${payment.installments_count > 1 ? html` (${payment.installments_count} × by card)` : null}</p>
${trigger}
<table>
<thead><tr><th>Due date</th><th class="amount">Amount</th><th class="amount">of which fees and interest</th><th>Status</th></tr></thead>
<tbody>${payment.payment_plan.map(
    (i) =>
      html`<tr><td>${formatDate(i.due_date)}</td><td class="amount">${formatMoney(i.total_amount, payment.locale)}</td><td class="amount">${formatMoney(
        i.customer_fee + i.customer_interest,
      )}</td><td>${i.state}</td></tr>`,
  )}</tbody>
</table>
<p>Total cost of the service: <b>${formatMoney(cost, payment.locale)}</b> (fees ${formatMoney(payment.customer_fee, payment.locale)}, interest ${formatMoney(
    payment.customer_interest,
  )}). You pay <b>${formatMoney(total, payment.locale)}</b> in all.</p>`;
}
