import { z } from "zod";

const customer = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

/** Shopify's mandatory compliance webhooks' payloads; only the fields we act on are read. */
export const dataRequestPayload = z.looseObject({
  shop_domain: z.string(),
  customer,
  data_request: z.looseObject({ id: z.union([z.number(), z.string()]) }),
});

export const customerRedactPayload = z.looseObject({ shop_domain: z.string(), customer });

export const shopRedactPayload = z.looseObject({ shop_domain: z.string() });

/** `app/uninstalled` carries the shop itself. */
export const appUninstalledPayload = z.looseObject({ myshopify_domain: z.string() });

/** Where each topic we act on names its shop in the (signed) body. */
const SHOP_IN_BODY: Record<string, (body: unknown) => string | undefined> = {
  APP_UNINSTALLED: (body) => appUninstalledPayload.safeParse(body).data?.myshopify_domain,
  CUSTOMERS_DATA_REQUEST: (body) => shopRedactPayload.safeParse(body).data?.shop_domain,
  CUSTOMERS_REDACT: (body) => shopRedactPayload.safeParse(body).data?.shop_domain,
  SHOP_REDACT: (body) => shopRedactPayload.safeParse(body).data?.shop_domain,
};

/**
 * Whether the body agrees with `X-Shopify-Shop-Domain`. Shopify signs the body only, not its
 * headers: the shop that counts is the one in the signed body, and a header naming another is a
 * tampered delivery. Topics we do not act on are not checked.
 */
export function bodyNamesShop(topic: string, body: unknown, shop: string): boolean {
  const read = SHOP_IN_BODY[topic];
  return !read || read(body)?.trim().toLowerCase() === shop.trim().toLowerCase();
}
