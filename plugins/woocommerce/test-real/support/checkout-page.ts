import type { RealStore } from "./real-store.ts";

/**
 * The checkout page's HTML for a new visitor with `productId` in the cart (cookies kept between the
 * two requests, as a browser does): what WooCommerce decided to offer, before any script runs.
 */
export async function checkoutPageFor(
  store: RealStore,
  kind: "block" | "classic",
  productId: number,
): Promise<{ html: string; offersAlma: boolean }> {
  const url = await store.useCheckout(kind);
  const added = await fetch(`${store.url}/?add-to-cart=${productId}`, { redirect: "manual" });
  await added.arrayBuffer();
  const cookie = added.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  const html = await (await fetch(url, { headers: { cookie } })).text();
  // Block checkout: our integration registered (its script and data); classic: our radio button.
  const offersAlma =
    kind === "block"
      ? html.includes("alma-suite-blocks.js")
      : html.includes('id="payment_method_alma_suite"');
  return { html, offersAlma };
}
