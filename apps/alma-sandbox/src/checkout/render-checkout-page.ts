import { html, type Translator } from "@alma-suite/core";
import type { AlmaPayment } from "../payments/alma-payment.ts";
import { renderLayout } from "./render-layout.ts";
import { renderSummary } from "./render-summary.ts";
import { renderTestCards } from "./render-test-cards.ts";

export interface CardFormState {
  /** Message keys of `cardErrors`. */
  errors: Partial<Record<"card_number" | "expiry" | "cvc" | "holder", string>>;
  values: { expiry?: string; holder?: string };
}

/** The hosted payment page: summary, card form (no JavaScript needed), test cards, cancel link. */
export function renderCheckoutPage(
  payment: AlmaPayment,
  base: string,
  text: Translator,
  annualRate: number | null,
  form?: CardFormState,
): string {
  const { t } = text;
  const errors = form?.errors ?? {};
  const field = (
    name: keyof CardFormState["errors"],
    label: string,
    input: (described: string | null) => ReturnType<typeof html>,
  ) => {
    const error = errors[name];
    return html`<p><label for="${name}">${label}</label>${input(error ? `${name}-error` : null)}${
      error ? html`<span class="error" id="${name}-error">${t(`cardErrors.${error}`)}</span>` : null
    }</p>`;
  };
  const invalid = (described: string | null) =>
    described ? html` aria-invalid="true" aria-describedby="${described}"` : null;
  const cancel = payment.customer_cancel_url
    ? html`<p><a href="${payment.customer_cancel_url}">${t("checkout.cancel", { merchant: payment.merchant_name })}</a></p>`
    : null;
  return renderLayout(
    text,
    t("checkout.title"),
    Object.keys(errors).length > 0 ? "card_form_invalid" : "checkout",
    html`${renderSummary(payment, text, annualRate)}
<form method="post" action="${base}/checkout/${payment.id}/card" autocomplete="off">
${field("card_number", t("checkout.cardNumber"), (d) => html`<input id="card_number" name="card_number" inputmode="numeric" autocomplete="cc-number" required${invalid(d)}>`)}
${field("expiry", t("checkout.expiry"), (d) => html`<input id="expiry" name="expiry" placeholder="${t("checkout.expiryPlaceholder")}" value="${form?.values.expiry ?? ""}" required${invalid(d)}>`)}
${field("cvc", t("checkout.cvc"), (d) => html`<input id="cvc" name="cvc" inputmode="numeric" size="4" required${invalid(d)}>`)}
${field("holder", t("checkout.holder"), (d) => html`<input id="holder" name="holder" value="${form?.values.holder ?? ""}" required${invalid(d)}>`)}
<p><button type="submit">${t("checkout.continue")}</button></p>
</form>
${cancel}
${renderTestCards(text)}`,
  );
}
