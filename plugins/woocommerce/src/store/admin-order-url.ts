import type { StoreSettings } from "./store-settings.ts";

/**
 * The order's page in wp-admin: with custom order tables (HPOS) WooCommerce's own order screen,
 * otherwise the order post's edit screen. When the mode is unknown (a store connected before we
 * read it, or a system status we could not read) the post link is used: WooCommerce redirects it
 * to its order screen when HPOS is on.
 */
export function adminOrderUrl(
  settings: Pick<StoreSettings, "storeUrl" | "hpos">,
  orderId: number | string,
): string {
  const store = settings.storeUrl.replace(/\/+$/, "");
  const id = encodeURIComponent(String(orderId));
  return settings.hpos === true
    ? `${store}/wp-admin/admin.php?page=wc-orders&action=edit&id=${id}`
    : `${store}/wp-admin/post.php?post=${id}&action=edit`;
}

/**
 * Alma's `locale` from the site's WordPress locale: its language part (`de_DE` → `de`), `fr`
 * when the store's locale is unknown (connected before we read it).
 */
export function almaLocale(siteLocale: string | undefined): string {
  const language = /^([a-z]{2,3})(?:[_-]|$)/i.exec(siteLocale ?? "")?.[1];
  return language ? language.toLowerCase() : "fr";
}
