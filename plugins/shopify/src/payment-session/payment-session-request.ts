import { z } from "zod";

const text = z.string().max(1000).nullish();

export const shopifyAddressSchema = z.looseObject({
  given_name: text,
  family_name: text,
  line1: text,
  line2: text,
  city: text,
  postal_code: text,
  province: text,
  province_code: text,
  country_code: text,
  phone_number: text,
  company: text,
});
export type ShopifyAddress = z.infer<typeof shopifyAddressSchema>;

const httpsUrl = z.url({ protocol: /^https?$/ }).max(4096);

/**
 * Body of the payment session request Shopify sends the payments app. `cancel_url` sits under
 * `payment_method.data` in current API versions and at the top level in older ones: either is
 * accepted, one is required because the buyer must always be able to go back to checkout.
 */
export const paymentSessionRequestSchema = z
  .looseObject({
    id: z.string().min(1).max(255),
    gid: z.string().regex(/^gid:\/\/shopify\/PaymentSession\/\S+$/, "must be a PaymentSession gid"),
    group: z.string().min(1).max(255),
    session_id: z.string().max(255).nullish(),
    amount: z.union([z.string().max(32), z.number()]),
    currency: z.string().regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 code"),
    test: z.boolean().default(false),
    merchant_locale: z.string().max(20).nullish(),
    kind: z.enum(["sale", "authorization"]).default("sale"),
    proposed_at: z.string().max(64).nullish(),
    payment_method: z
      .looseObject({
        type: z.string().nullish(),
        data: z.looseObject({ cancel_url: httpsUrl.nullish() }).nullish(),
      })
      .nullish(),
    cancel_url: httpsUrl.nullish(),
    customer: z
      .looseObject({
        email: z.string().max(320).nullish(),
        phone_number: z.string().max(64).nullish(),
        locale: z.string().max(20).nullish(),
        billing_address: shopifyAddressSchema.nullish(),
        shipping_address: shopifyAddressSchema.nullish(),
      })
      .nullish(),
  })
  .transform((body, ctx) => {
    const cancelUrl = body.payment_method?.data?.cancel_url ?? body.cancel_url ?? null;
    if (!cancelUrl) {
      ctx.addIssue({
        code: "custom",
        path: ["payment_method", "data", "cancel_url"],
        message: "is required",
      });
      return z.NEVER;
    }
    return { ...body, cancelUrl };
  });

export type PaymentSessionRequest = z.output<typeof paymentSessionRequestSchema>;

/** The `Shopify-*` headers every session request carries; the shop domain picks the tenant. */
export interface ShopifyRequestHeaders {
  shopDomain: string;
  requestId: string | null;
  apiVersion: string | null;
}
