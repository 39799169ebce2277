import { html, type SafeHtml } from "@alma-suite/core";
import { MAX_QUANTITY } from "../cart/cart.ts";
import { type Product, productDescription, productName } from "../catalogue.ts";
import type { DemoText } from "../demo-text.ts";
import { price } from "./price.ts";

export interface WidgetTarget {
  merchantId: string;
  /** Where the browser reaches Alma (here the in-process sandbox). */
  api: string;
}

/** The product, its Alma line (the embeddable widget, as a merchant would use it) and add to cart. */
export function productPage(text: DemoText, product: Product, widget: WidgetTarget): SafeHtml {
  const { t } = text;
  const quantities = Array.from({ length: MAX_QUANTITY }, (_, i) => i + 1);
  return html`<div class="product">
<span class="swatch" style="background:${product.colour};height:260px" aria-hidden="true"></span>
<div>
<h1>${productName(text, product.slug, product.name)}</h1>
<p class="price">${price(text, product.priceCents)}</p>
<div class="alma-eligibility" data-alma-eligibility data-merchant-id="${widget.merchantId}" data-amount="${product.priceCents}" data-api="${widget.api}" data-plans="3,4" data-locale="${text.locale}"></div>
<p>${productDescription(text, product.slug, product.description)}</p>
<form method="post" action="/demo/cart">
<input type="hidden" name="slug" value="${product.slug}">
<p class="field"><label for="quantity">${t("product.quantity")}</label>
<select id="quantity" name="quantity">${quantities.map((n) => html`<option value="${n}">${n}</option>`)}</select></p>
<p><button type="submit">${t("product.addToCart")}</button></p>
</form>
</div>
</div>`;
}
