/**
 * A URL on a shop's own origin. Shopify serves OAuth and the Payments Apps API at
 * `https://{shop}/...`; the template lets tests point it at a local fake (`http://127.0.0.1:p/{shop}`).
 */
export function shopUrl(template: string, shop: string, path: string): string {
  return `${template.replaceAll("{shop}", shop)}${path}`;
}

const SHOP_ORIGIN = /^https:\/\/([a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com)(\/.*)?$/;

/** Rewrites a `https://{shop}/path` URL onto the template; other URLs are left alone. */
export function rerouteShopUrl(template: string, url: string): string {
  const match = SHOP_ORIGIN.exec(url);
  if (!match) return url;
  return shopUrl(template, match[1] ?? "", match[2] ?? "");
}

/** Shopify's own domain rule, checked before a shop name reaches a URL or a query. */
export function isShopDomain(value: string): boolean {
  return /^[a-zA-Z0-9][a-zA-Z0-9-]*\.myshopify\.com$/.test(value);
}
