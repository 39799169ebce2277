import { z } from "zod";

const customer = z.looseObject({
  id: z.union([z.number(), z.string()]).nullish(),
  email: z.string().nullish(),
  phone: z.string().nullish(),
});

/** Compliance payloads (reference §4.3); only the fields we act on are read. */
export const dataRequestPayload = z.looseObject({
  shop_domain: z.string(),
  customer,
  data_request: z.looseObject({ id: z.union([z.number(), z.string()]) }),
});

export const customerRedactPayload = z.looseObject({ shop_domain: z.string(), customer });

export const shopRedactPayload = z.looseObject({ shop_domain: z.string() });

/** `app/uninstalled` carries the shop itself. */
export const appUninstalledPayload = z.looseObject({ myshopify_domain: z.string() });

/**
 * The shop a payload names. Shopify signs the body only, not its headers: the shop that counts is
 * the one in the signed body, and a header naming another is a tampered delivery.
 */
export function signedShopOf(topic: string, body: unknown): string | undefined {
  const parsed = (topic === "APP_UNINSTALLED" ? appUninstalledPayload : shopRedactPayload).safeParse(body);
  if (!parsed.success) return undefined;
  const shop = "myshopify_domain" in parsed.data ? parsed.data.myshopify_domain : parsed.data.shop_domain;
  return String(shop).trim().toLowerCase();
}
