import { html, type SafeHtml } from "@alma-suite/core";
import { CATALOGUE, productName } from "../catalogue.ts";
import type { DemoText } from "../demo-text.ts";
import { price } from "./price.ts";

export function cataloguePage(text: DemoText): SafeHtml {
  const { t } = text;
  return html`<h1>${t("catalogue.title")}</h1>
<p>${t("catalogue.intro")}</p>
<ul class="grid">
${CATALOGUE.map(
  (product) => html`<li class="card">
<span class="swatch" style="background:${product.colour}" aria-hidden="true"></span>
<h2><a href="/demo/products/${product.slug}">${productName(text, product.slug, product.name)}</a></h2>
<p class="price">${price(text, product.priceCents)}</p>
</li>`,
)}
</ul>`;
}
