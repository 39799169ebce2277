import { html, type SafeHtml } from "@alma-suite/core";
import { CATALOGUE } from "../catalogue.ts";
import { price } from "./price.ts";

export function cataloguePage(): SafeHtml {
  return html`<h1>Shop</h1>
<p>Pick something, pay it in 3 or 4 instalments with Alma on the local sandbox.</p>
<ul class="grid">
${CATALOGUE.map(
  (product) => html`<li class="card">
<span class="swatch" style="background:${product.colour}" aria-hidden="true"></span>
<h2><a href="/demo/products/${product.slug}">${product.name}</a></h2>
<p class="price">${price(product.priceCents)}</p>
</li>`,
)}
</ul>`;
}
