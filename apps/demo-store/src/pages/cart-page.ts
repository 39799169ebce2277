import { html, type SafeHtml } from "@alma-suite/core";
import type { CartLine } from "../cart/cart.ts";
import { productName } from "../catalogue.ts";
import type { DemoText } from "../demo-text.ts";
import { price } from "./price.ts";

export function cartPage(text: DemoText, lines: readonly CartLine[], totalCents: number): SafeHtml {
  const { t } = text;
  if (lines.length === 0)
    return html`<h1>${t("cart.title")}</h1><p>${t("cart.empty")} <a href="/demo">${t("cart.browse")}</a>.</p>`;
  return html`<h1>${t("cart.title")}</h1>
<div class="table-wrap"><table>
<caption class="skip">${t("cart.caption")}</caption>
<thead><tr><th scope="col">${t("cart.product")}</th><th scope="col" class="num"><abbr title="${t("cart.quantity")}">${t("cart.qty")}</abbr></th><th scope="col" class="num">${t("cart.total")}</th><th scope="col"><span class="skip">${t("cart.actions")}</span></th></tr></thead>
<tbody>
${lines.map((line) => {
  const name = productName(text, line.product.slug, line.product.name);
  return html`<tr>
<td><a href="/demo/products/${line.product.slug}">${name}</a></td>
<td class="num">${line.quantity}</td>
<td class="num">${price(text, line.lineCents)}</td>
<td><form method="post" action="/demo/cart" class="inline">
<input type="hidden" name="slug" value="${line.product.slug}"><input type="hidden" name="quantity" value="0"><input type="hidden" name="mode" value="set">
<button type="submit" class="secondary" aria-label="${t("cart.removeItem", { name })}">${t("cart.remove")}</button></form></td>
</tr>`;
})}
</tbody>
<tfoot><tr><th scope="row">${t("cart.total")}</th><td></td><td class="num"><strong>${price(text, totalCents)}</strong></td><td></td></tr></tfoot>
</table></div>
<p><a class="button" href="/demo/checkout">${t("cart.checkout")}</a></p>`;
}
