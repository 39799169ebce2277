import { html, type SafeHtml } from "@alma-suite/core";
import { MAX_QUANTITY } from "../cart/cart.ts";
import type { Product } from "../catalogue.ts";
import { price } from "./price.ts";

export interface WidgetTarget {
  merchantId: string;
  /** Where the browser reaches Alma (here the in-process sandbox). */
  api: string;
}

/** The product, its Alma line (the embeddable widget, as a merchant would use it) and add to cart. */
export function productPage(product: Product, widget: WidgetTarget): SafeHtml {
  const quantities = Array.from({ length: MAX_QUANTITY }, (_, i) => i + 1);
  return html`<div class="product">
<span class="swatch" style="background:${product.colour};height:260px" aria-hidden="true"></span>
<div>
<h1>${product.name}</h1>
<p class="price">${price(product.priceCents)}</p>
<div class="alma-eligibility" data-alma-eligibility data-merchant-id="${widget.merchantId}" data-amount="${product.priceCents}" data-api="${widget.api}" data-plans="3,4"></div>
<p>${product.description}</p>
<form method="post" action="/demo/cart">
<input type="hidden" name="slug" value="${product.slug}">
<p class="field"><label for="quantity">Quantity</label>
<select id="quantity" name="quantity">${quantities.map((n) => html`<option value="${n}">${n}</option>`)}</select></p>
<p><button type="submit">Add to cart</button></p>
</form>
</div>
</div>`;
}
