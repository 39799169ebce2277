import { creditTerms, escapeHtml as e, formatMoney } from "@alma-suite/core";
import type { Offer } from "../payment-session/session-record.ts";
import { layout } from "./html.ts";
import { pageText } from "./page-text.ts";

export function renderPlanPicker(input: {
  locale: string | null;
  amountCents: number;
  offers: Offer[];
  action: string;
  signature: string;
  cancelUrl: string;
}): string {
  const { lang, text, intl } = pageText(input.locale);
  const euros = (cents: number) => formatMoney(cents, intl);
  const day = new Intl.DateTimeFormat(intl, { dateStyle: "long", timeZone: "Europe/Paris" });
  const offers = input.offers
    .map((offer, i) => {
      const title =
        offer.installmentsCount > 1
          ? text.instalments(offer.installmentsCount)
          : offer.deferredDays > 0 || offer.deferredMonths > 0
            ? text.payLater(offer.deferredDays, offer.deferredMonths)
            : text.payNow;
      const lines = offer.schedule
        .map(
          (line) =>
            `<li>${e(text.dueOn(day.format(new Date(line.dueDate * 1000)), euros(line.totalCents)))}</li>`,
        )
        .join("");
      // Fees by name for 2-4x; for credit the TAEG from Alma's eligibility answer, the cost, the
      // total due and the legal warning (core's creditTerms says which rule asks for what).
      const terms = creditTerms(
        {
          installmentsCount: offer.installmentsCount,
          purchaseAmount: input.amountCents,
          customerFee: offer.customerFeeCents,
          customerInterest: Math.max(0, offer.totalCostCents - offer.customerFeeCents),
          annualInterestRate: offer.annualInterestRate,
        },
        intl,
      );
      const termLines = terms.lines.map((line) => `<p>${e(line)}</p>`).join("");
      const warning = terms.warning ? `<p class="warning">${e(terms.warning)}</p>` : "";
      return `<label class="offer" data-plan="${e(offer.planKey)}">
<input type="radio" name="plan" value="${e(offer.planKey)}"${i === 0 ? " checked" : ""}> <strong>${e(title)}</strong>
<ul class="schedule">${lines}</ul>
<div class="cost" data-terms="${terms.kind}">${termLines}${warning}</div>
</label>`;
    })
    .join("\n");
  return layout({
    lang,
    title: text.chooseTitle,
    body: `<h1>${e(text.chooseTitle)}</h1>
<p>${e(text.choosePrompt(euros(input.amountCents)))}</p>
<form method="post" action="${e(input.action)}">
<input type="hidden" name="s" value="${e(input.signature)}">
${offers}
<div class="actions"><button type="submit">${e(text.continue)}</button>
<a class="button secondary" href="${e(input.cancelUrl)}">${e(text.back)}</a></div>
</form>`,
  });
}

export function renderWaitPage(locale: string | null, refreshUrl: string): string {
  const { lang, text } = pageText(locale);
  return layout({
    lang,
    title: text.waitTitle,
    refreshUrl,
    body: `<h1>${e(text.waitTitle)}</h1><p>${e(text.waitBody)}</p><p><a href="${e(refreshUrl)}">↻</a></p>`,
  });
}

export function renderUnfinishedPage(
  locale: string | null,
  resumeUrl: string | null,
  cancelUrl: string,
): string {
  const { lang, text } = pageText(locale);
  const resume = resumeUrl ? `<a class="button" href="${e(resumeUrl)}">${e(text.resume)}</a>` : "";
  return layout({
    lang,
    title: text.unfinishedTitle,
    body: `<h1>${e(text.unfinishedTitle)}</h1><p>${e(text.unfinishedBody)}</p>
<div class="actions">${resume}<a class="button secondary" href="${e(cancelUrl)}">${e(text.back)}</a></div>`,
  });
}

export function renderNotFoundPage(): string {
  const { lang, text } = pageText("fr");
  return layout({
    lang,
    title: text.notFoundTitle,
    body: `<h1>${e(text.notFoundTitle)}</h1><p>${e(text.notFoundBody)}</p>`,
  });
}
