import { html, type SafeHtml, type Translator } from "@alma-suite/core";
import { TEST_CARDS } from "./test-cards.ts";

export function renderTestCards({ t }: Translator): SafeHtml {
  return html`<details open><summary><b>${t("testCards.title")}</b> ${t("testCards.hint", { code: "1234" })}</summary>
<div class="scroll" tabindex="0" role="region" aria-label="${t("testCards.title")}"><table>
<thead><tr><th scope="col">${t("testCards.number")}</th><th scope="col">${t("testCards.brand")}</th><th scope="col">${t("testCards.outcome")}</th></tr></thead>
<tbody>${TEST_CARDS.map((c) => html`<tr><td><code>${c.number}</code></td><td>${c.brand}</td><td>${t(`testCards.${c.behaviour}`)}</td></tr>`)}</tbody>
</table></div>
<p><small>${t("testCards.footer")}</small></p>
</details>`;
}
