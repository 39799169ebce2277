import { html, type SafeHtml } from "@alma-suite/core";
import { TEST_CARDS } from "./test-cards.ts";

export function renderTestCards(): SafeHtml {
  return html`<details open><summary><b>Test cards</b> (any CVC, any holder; 3-D Secure code <code>1234</code>)</summary>
<table>
<thead><tr><th>Number</th><th>Brand</th><th>What happens</th></tr></thead>
<tbody>${TEST_CARDS.map((c) => html`<tr><td><code>${c.number}</code></td><td>${c.brand}</td><td>${c.outcome}</td></tr>`)}</tbody>
</table>
<p><small>Any other Luhn-valid number is accepted. A card expiring before the last instalment's due date is refused.</small></p>
</details>`;
}
