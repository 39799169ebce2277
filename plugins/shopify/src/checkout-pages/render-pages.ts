import { creditTerms, describePlan, formatDay, formatMoney, html } from "@alma-suite/core";
import type { Offer } from "../payment-session/session-record.ts";
import { layout } from "./html.ts";
import { pageText } from "./page-text.ts";

/**
 * The plan picker: each offered plan with its schedule, and its terms from Alma's eligibility
 * answer — fees by name for 2–4x, and for credit (over 4 instalments) the TAEG, the cost of the
 * credit, the total due and the legal warning (core's creditTerms says which rule asks for what).
 */
export function renderPlanPicker(input: {
  locale: string | null;
  amountCents: number;
  offers: Offer[];
  action: string;
  signature: string;
  cancelUrl: string;
}): string {
  const { locale } = input;
  const { language, t } = pageText(locale);
  const money = (cents: number) => formatMoney(cents, locale);
  const offers = input.offers.map((offer, i) => {
    const title = describePlan({ kind: "general", ...offer }, locale);
    const terms = creditTerms(
      {
        installmentsCount: offer.installmentsCount,
        purchaseAmount: input.amountCents,
        customerFee: offer.customerFeeCents,
        customerInterest: Math.max(0, offer.totalCostCents - offer.customerFeeCents),
        annualInterestRate: offer.annualInterestRate,
      },
      locale,
    );
    return html`<label class="offer" data-plan="${offer.planKey}">
<input type="radio" name="plan" value="${offer.planKey}"${i === 0 ? html` checked` : null}> <strong>${title}</strong>
<ul class="schedule" aria-label="${t("choose.schedule")}">${offer.schedule.map(
      (line) =>
        html`<li>${t("choose.dueOn", { date: formatDay(line.dueDate, locale), amount: money(line.totalCents) })}</li>`,
    )}</ul>
<div class="cost" data-terms="${terms.kind}">${terms.lines.map((line) => html`<p>${line}</p>`)}${
      terms.warning ? html`<p class="warning">${terms.warning}</p>` : null
    }</div>
</label>`;
  });
  return layout({
    lang: language,
    title: t("choose.title"),
    body: html`<h1>${t("choose.title")}</h1>
<form method="post" action="${input.action}">
<input type="hidden" name="s" value="${input.signature}">
<fieldset><legend>${t("choose.prompt", { amount: money(input.amountCents) })}</legend>
${offers}
</fieldset>
<div class="actions"><button type="submit">${t("choose.continue")}</button>
<a class="button secondary" href="${input.cancelUrl}">${t("back")}</a></div>
</form>`,
  });
}

export function renderWaitPage(locale: string | null, refreshUrl: string): string {
  const { language, t } = pageText(locale);
  return layout({
    lang: language,
    title: t("wait.title"),
    refreshUrl,
    body: html`<h1>${t("wait.title")}</h1><p>${t("wait.body")}</p><p><a href="${refreshUrl}">${t("wait.refresh")}</a></p>`,
  });
}

export function renderUnfinishedPage(
  locale: string | null,
  resumeUrl: string | null,
  cancelUrl: string,
): string {
  const { language, t } = pageText(locale);
  return layout({
    lang: language,
    title: t("unfinished.title"),
    body: html`<h1>${t("unfinished.title")}</h1><p>${t("unfinished.body")}</p>
<div class="actions">${resumeUrl ? html`<a class="button" href="${resumeUrl}">${t("unfinished.resume")}</a>` : null}<a class="button secondary" href="${cancelUrl}">${t("back")}</a></div>`,
  });
}

/** No session to read a language from: the page is in the language of `locale` (French by default). */
export function renderNotFoundPage(locale: string | null = null): string {
  const { language, t } = pageText(locale);
  return layout({
    lang: language,
    title: t("notFound.title"),
    body: html`<h1>${t("notFound.title")}</h1><p>${t("notFound.body")}</p>`,
  });
}
