import {
  creditTerms,
  describePlan,
  formatDay,
  formatMoney,
  html,
  type SafeHtml,
  type Translator,
} from "@alma-suite/core";
import type { AlmaPayment } from "../payments/alma-payment.ts";

/** A due date in the payment's language ("15 janvier 2026"); Alma's dates are UTC days. */
export function formatDate(unixSeconds: number, locale: string): string {
  return formatDay(unixSeconds, locale, "UTC");
}

/**
 * Merchant, amount, plan and the full schedule with fees, as the customer must see before paying;
 * for a credit plan (over 4 instalments) the TAEG, the cost of the credit, the total due and the
 * legal warning (see core's creditTerms for the rule).
 */
export function renderSummary(payment: AlmaPayment, text: Translator, annualRate: number | null): SafeHtml {
  const { t } = text;
  const locale = payment.locale;
  const money = (cents: number) => formatMoney(cents, locale);
  const plan = describePlan(
    {
      kind: "general",
      installmentsCount: payment.installments_count,
      deferredDays: payment.deferred_days,
      deferredMonths: payment.deferred_months,
    },
    locale,
  );
  const terms = creditTerms(
    {
      installmentsCount: payment.installments_count,
      purchaseAmount: payment.purchase_amount,
      customerFee: payment.customer_fee,
      customerInterest: payment.customer_interest,
      annualInterestRate: annualRate,
    },
    locale,
  );
  const trigger = payment.deferred_trigger
    ? html`<p class="notice">${t("checkout.triggerNotice", {
        when: payment.deferred_trigger_description ?? t("checkout.triggerDefault"),
      })}</p>`
    : null;
  return html`<p><b>${payment.merchant_name}</b> · ${t("checkout.orderTotal")} <b>${money(payment.purchase_amount)}</b></p>
<p>${plan}${payment.installments_count > 1 ? html` (${payment.installments_count} × ${t("checkout.byCard")})` : null}</p>
${trigger}
<div class="scroll" tabindex="0" role="region" aria-label="${t("checkout.schedule")}"><table>
<caption>${t("checkout.schedule")}</caption>
<thead><tr><th scope="col">${t("checkout.dueDate")}</th><th scope="col" class="amount">${t("checkout.amount")}</th><th scope="col" class="amount">${t("checkout.ofWhichFees")}</th><th scope="col">${t("checkout.status")}</th></tr></thead>
<tbody>${payment.payment_plan.map(
    (i) =>
      html`<tr><td>${formatDate(i.due_date, locale)}</td><td class="amount">${money(i.total_amount)}</td><td class="amount">${money(
        i.customer_fee + i.customer_interest,
      )}</td><td>${t(`installmentState.${i.state}`, { defaultValue: i.state })}</td></tr>`,
  )}</tbody>
</table></div>
<div class="terms" data-terms="${terms.kind}">${terms.lines.map((line) => html`<p>${line}</p>`)}${
    terms.warning ? html`<p class="warning">${terms.warning}</p>` : null
  }</div>`;
}
