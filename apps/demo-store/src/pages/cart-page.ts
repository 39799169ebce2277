import { html, type SafeHtml } from "@alma-suite/core";
import type { CartLine } from "../cart/cart.ts";
import { price } from "./price.ts";

export function cartPage(lines: readonly CartLine[], totalCents: number): SafeHtml {
  if (lines.length === 0)
    return html`<h1>Your cart</h1><p>Your cart is empty. <a href="/demo">Browse the shop</a>.</p>`;
  return html`<h1>Your cart</h1>
<div class="table-wrap"><table>
<caption class="skip">Products in your cart</caption>
<thead><tr><th scope="col">Product</th><th scope="col" class="num"><abbr title="Quantity">Qty</abbr></th><th scope="col" class="num">Total</th><th scope="col"><span class="skip">Actions</span></th></tr></thead>
<tbody>
${lines.map(
  (line) => html`<tr>
<td><a href="/demo/products/${line.product.slug}">${line.product.name}</a></td>
<td class="num">${line.quantity}</td>
<td class="num">${price(line.lineCents)}</td>
<td><form method="post" action="/demo/cart" class="inline">
<input type="hidden" name="slug" value="${line.product.slug}"><input type="hidden" name="quantity" value="0"><input type="hidden" name="mode" value="set">
<button type="submit" class="secondary" aria-label="Remove ${line.product.name}">Remove</button></form></td>
</tr>`,
)}
</tbody>
<tfoot><tr><th scope="row">Total</th><td></td><td class="num"><strong>${price(totalCents)}</strong></td><td></td></tr></tfoot>
</table></div>
<p><a class="button" href="/demo/checkout">Checkout</a></p>`;
}
