import { html } from "@alma-suite/core";
import type { AlmaPayment } from "../payments/alma-payment.ts";
import { renderLayout } from "./render-layout.ts";
import { renderSummary } from "./render-summary.ts";
import { renderTestCards } from "./render-test-cards.ts";

export interface CardFormState {
  errors: Partial<Record<"card_number" | "expiry" | "cvc" | "holder", string>>;
  values: { expiry?: string; holder?: string };
}

/** The hosted payment page: summary, card form (no JavaScript needed), test cards, cancel link. */
export function renderCheckoutPage(payment: AlmaPayment, base: string, form?: CardFormState): string {
  const errors = form?.errors ?? {};
  const field = (name: keyof CardFormState["errors"], label: string, input: ReturnType<typeof html>) =>
    html`<p><label for="${name}">${label}</label>${input}${
      errors[name] ? html` <span class="error" id="${name}-error">${errors[name]}</span>` : null
    }</p>`;
  const cancel = payment.customer_cancel_url
    ? html`<p><a href="${payment.customer_cancel_url}">Cancel and return to ${payment.merchant_name}</a></p>`
    : null;
  return renderLayout(
    "Pay with Alma",
    Object.keys(errors).length > 0 ? "card_form_invalid" : "checkout",
    html`${renderSummary(payment)}
<form method="post" action="${base}/checkout/${payment.id}/card" autocomplete="off">
${field("card_number", "Card number", html`<input id="card_number" name="card_number" inputmode="numeric" required>`)}
${field("expiry", "Expiry (MM/YY)", html`<input id="expiry" name="expiry" placeholder="MM/YY" value="${form?.values.expiry ?? ""}" required>`)}
${field("cvc", "CVC", html`<input id="cvc" name="cvc" inputmode="numeric" size="4" required>`)}
${field("holder", "Card holder", html`<input id="holder" name="holder" value="${form?.values.holder ?? ""}" required>`)}
<p><button type="submit">Continue</button></p>
</form>
${cancel}
${renderTestCards()}`,
  );
}
