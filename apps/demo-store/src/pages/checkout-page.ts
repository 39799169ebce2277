import { creditTerms, describePlan as describePlanOf, html, type SafeHtml } from "@alma-suite/core";
import { describePlan } from "@alma-suite/eligibility-widget/format";
import type { CartLine } from "../cart/cart.ts";
import { productName } from "../catalogue.ts";
import type { DemoText } from "../demo-text.ts";
import { price } from "./price.ts";

/** One plan of the bridge's eligibility answer (plugins/webhook-bridge checkout-schema). */
export interface EligiblePlan {
  plan: string;
  eligible: boolean;
  installments_count: number;
  deferred_days: number;
  deferred_months?: number;
  customer_fee?: number | null;
  customer_total_cost_amount: number | null;
  /** Basis points, Alma's TAEG for a credit plan. */
  annual_interest_rate?: number | null;
  instalments: { amount: number; due_date?: string }[];
}

/** "Pay in 3 instalments", "Payer dans 30 jours": the plan as shoppers know it, never its key. */
export function planTitle(text: DemoText, plan: EligiblePlan): string {
  return describePlanOf(
    {
      kind: "general",
      installmentsCount: plan.installments_count,
      deferredDays: plan.deferred_days,
      deferredMonths: plan.deferred_months ?? 0,
    },
    text.locale,
  );
}

export function planSchedule(text: DemoText, plan: EligiblePlan): string {
  return (
    describePlan(
      {
        eligible: plan.eligible,
        installments_count: plan.installments_count,
        payment_plan: plan.instalments.map((line) => ({ total_amount: line.amount })),
        customer_total_cost_amount: plan.customer_total_cost_amount ?? 0,
      },
      text.locale,
    ) ?? ""
  );
}

/**
 * A credit plan's (over 4 instalments) TAEG, cost of credit, total due and legal warning, as Alma's
 * eligibility answer prices it (see core's creditTerms); nothing for 2-4x, whose fees the schedule
 * line already names.
 */
function creditLines(text: DemoText, plan: EligiblePlan, totalCents: number): SafeHtml | null {
  if (plan.installments_count <= 4) return null;
  const cost = plan.customer_total_cost_amount ?? 0;
  const fee = Math.min(plan.customer_fee ?? 0, cost);
  const terms = creditTerms(
    {
      installmentsCount: plan.installments_count,
      purchaseAmount: totalCents,
      customerFee: fee,
      customerInterest: cost - fee,
      annualInterestRate: plan.annual_interest_rate ?? null,
    },
    text.locale,
  );
  return html`<div class="terms" data-terms="${terms.kind}">${terms.lines.map((line) => html`<p>${line}</p>`)}${
    terms.warning ? html`<p class="warning">${terms.warning}</p>` : null
  }</div>`;
}

export interface CheckoutPageInput {
  lines: readonly CartLine[];
  totalCents: number;
  plans: readonly EligiblePlan[];
  error?: string;
}

/** The basket, the customer's details and the plans Alma offers for it, as radio buttons. */
export function checkoutPage(text: DemoText, input: CheckoutPageInput): SafeHtml {
  const { t } = text;
  const eligible = input.plans.filter((plan) => plan.eligible);
  const preferred = eligible.find((plan) => plan.plan === "general_3_0_0") ?? eligible[0];
  return html`<h1>${t("checkout.title")}</h1>
${input.error ? html`<p class="notice bad" role="alert">${input.error}</p>` : ""}
<p>${input.lines.map((line) => `${line.quantity} × ${productName(text, line.product.slug, line.product.name)}`).join(", ")}: <strong>${price(text, input.totalCents)}</strong></p>
${
  eligible.length === 0
    ? html`<p class="notice bad">${t("checkout.noPlan", { amount: price(text, input.totalCents), min: price(text, 5000), max: price(text, 200000) })} <a href="/demo/cart">${t("checkout.changeCart")}</a>.</p>`
    : html`<form method="post" action="/demo/checkout">
<fieldset><legend>${t("checkout.details")}</legend>
<p class="field"><label for="first_name">${t("checkout.firstName")}</label><input id="first_name" name="first_name" autocomplete="given-name" value="Camille" required maxlength="100"></p>
<p class="field"><label for="last_name">${t("checkout.lastName")}</label><input id="last_name" name="last_name" autocomplete="family-name" value="Martin" required maxlength="100"></p>
<p class="field"><label for="email">${t("checkout.email")}</label><input id="email" name="email" type="email" autocomplete="email" value="camille.martin@example.com" required maxlength="200"></p>
</fieldset>
<fieldset><legend>${t("checkout.howToPay")}</legend>
${eligible.map(
  (
    plan,
  ) => html`<div class="plan"><input type="radio" id="plan-${plan.plan}" name="plan" value="${plan.plan}"${plan === preferred ? html` checked` : ""}>
<div><label for="plan-${plan.plan}">${t("checkout.planLine", { plan: planTitle(text, plan) })}<span>${planSchedule(text, plan)}</span></label>${creditLines(text, plan, input.totalCents)}</div></div>`,
)}
</fieldset>
<p><button type="submit">${t("checkout.pay")}</button></p>
</form>`
}`;
}
