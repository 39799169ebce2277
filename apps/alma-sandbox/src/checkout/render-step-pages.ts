import { formatMoney, html, type Translator } from "@alma-suite/core";
import type { AlmaPayment } from "../payments/alma-payment.ts";
import type { CardOnFile } from "./card-on-file.ts";
import { renderLayout } from "./render-layout.ts";
import { formatDate, renderSummary } from "./render-summary.ts";

/** The simulated bank page: every card goes through it. A wrong code shows `error` and stays here. */
export function renderThreeDsPage(
  payment: AlmaPayment,
  card: CardOnFile,
  base: string,
  text: Translator,
  error?: string,
): string {
  const { t } = text;
  return renderLayout(
    text,
    t("threeDs.title"),
    error ? "three_ds_code_wrong" : "three_ds",
    html`<p>${t("threeDs.body", { merchant: payment.merchant_name, brand: card.brand, last4: card.last4 })}</p>
<form method="post" action="${base}/checkout/${payment.id}/3ds" autocomplete="off">
<p><label for="code">${t("threeDs.code")}</label><input id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required${
      error ? html` aria-invalid="true" aria-describedby="code-error"` : null
    }>${error ? html`<span class="error" id="code-error" role="alert">${error}</span>` : null}</p>
<p><small>${t("threeDs.hint", { code: "1234" })}</small></p>
<p><button type="submit">${t("threeDs.confirm")}</button></p>
</form>`,
  );
}

/** Last step: what will be charged now, then one button. */
export function renderConfirmPage(
  payment: AlmaPayment,
  card: CardOnFile,
  base: string,
  text: Translator,
  annualRate: number | null,
): string {
  const { t } = text;
  const money = (cents: number) => formatMoney(cents, payment.locale);
  const first = payment.payment_plan[0];
  const deferred = payment.deferred_days > 0 || payment.deferred_months > 0;
  const charge = payment.deferred_trigger
    ? t("confirm.nothingToday")
    : deferred && first
      ? t("confirm.laterCharge", {
          amount: money(first.total_amount),
          date: formatDate(first.due_date, payment.locale),
        })
      : t("confirm.chargedNow", { amount: money(first?.total_amount ?? 0) });
  return renderLayout(
    text,
    t("confirm.title"),
    "confirm",
    html`${renderSummary(payment, text, annualRate)}
<p>${t("confirm.card", { brand: card.brand, last4: card.last4, holder: card.holder })} <b>${charge}</b></p>
<form method="post" action="${base}/checkout/${payment.id}/confirm">
<p><button type="submit">${t("confirm.pay")}</button></p>
</form>`,
  );
}

export interface MessageLink {
  href: string;
  label: string;
}

/** Outcomes and dead ends: refused, under review, expired, already paid, not found. */
export function renderMessagePage(
  text: Translator,
  title: string,
  outcome: string,
  message: string,
  links: MessageLink[],
): string {
  return renderLayout(
    text,
    title,
    outcome,
    html`<p>${message}</p>${
      links.length > 0
        ? html`<p class="links">${links.map((link) => html`<a href="${link.href}">${link.label}</a>`)}</p>`
        : null
    }`,
  );
}
