import { html, type SafeHtml } from "@alma-suite/core";
import { describePlan } from "@alma-suite/eligibility-widget/format";
import type { CartLine } from "../cart/cart.ts";
import { price } from "./price.ts";

/** One plan of the bridge's eligibility answer (plugins/webhook-bridge checkout-schema). */
export interface EligiblePlan {
  plan: string;
  eligible: boolean;
  installments_count: number;
  deferred_days: number;
  customer_total_cost_amount: number | null;
  instalments: { amount: number }[];
}

export function planTitle(plan: EligiblePlan): string {
  if (plan.installments_count === 1)
    return plan.deferred_days > 0 ? `Pay in ${plan.deferred_days} days` : "Pay now in full";
  return `Pay in ${plan.installments_count} instalments`;
}

export function planSchedule(plan: EligiblePlan): string {
  return (
    describePlan({
      eligible: plan.eligible,
      installments_count: plan.installments_count,
      payment_plan: plan.instalments.map((line) => ({ total_amount: line.amount })),
      customer_total_cost_amount: plan.customer_total_cost_amount ?? 0,
    }) ?? ""
  );
}

export interface CheckoutPageInput {
  lines: readonly CartLine[];
  totalCents: number;
  plans: readonly EligiblePlan[];
  error?: string;
}

/** The basket, the customer's details and the plans Alma offers for it, as radio buttons. */
export function checkoutPage(input: CheckoutPageInput): SafeHtml {
  const eligible = input.plans.filter((plan) => plan.eligible);
  const preferred = eligible.find((plan) => plan.plan === "general_3_0_0") ?? eligible[0];
  return html`<h1>Checkout</h1>
${input.error ? html`<p class="notice bad" role="alert">${input.error}</p>` : ""}
<p>${input.lines.map((line) => `${line.quantity} × ${line.product.name}`).join(", ")}: <strong>${price(input.totalCents)}</strong></p>
${
  eligible.length === 0
    ? html`<p class="notice bad">Alma offers no plan for a basket of ${price(input.totalCents)} (it takes 50 to 2,000 EUR). <a href="/demo/cart">Change your cart</a>.</p>`
    : html`<form method="post" action="/demo/checkout">
<fieldset><legend>Your details</legend>
<p class="field"><label for="first_name">First name</label><input id="first_name" name="first_name" autocomplete="given-name" value="Camille" required maxlength="100"></p>
<p class="field"><label for="last_name">Last name</label><input id="last_name" name="last_name" autocomplete="family-name" value="Martin" required maxlength="100"></p>
<p class="field"><label for="email">E-mail</label><input id="email" name="email" type="email" autocomplete="email" value="camille.martin@example.com" required maxlength="200"></p>
</fieldset>
<fieldset><legend>How would you like to pay?</legend>
${eligible.map(
  (
    plan,
  ) => html`<div class="plan"><input type="radio" id="plan-${plan.plan}" name="plan" value="${plan.plan}"${plan === preferred ? html` checked` : ""}>
<label for="plan-${plan.plan}">${planTitle(plan)}: <span>${planSchedule(plan)}</span></label></div>`,
)}
</fieldset>
<p><button type="submit">Pay with Alma</button></p>
</form>`
}`;
}
