import { z } from "zod";

/**
 * Body of a Shopify session request that moves an amount of an earlier payment: a
 * refund session, or a capture session (only for `kind: authorization`). `gidType` is the kind of
 * Shopify gid the request must carry.
 */
export function amountSessionRequestSchema(gidType: "CaptureSession" | "RefundSession") {
  return z.looseObject({
    id: z.string().min(1).max(255),
    gid: z.string().regex(new RegExp(`^gid://shopify/${gidType}/\\S+$`), `must be a ${gidType} gid`),
    payment_id: z.string().min(1).max(255),
    amount: z.union([z.string().max(32), z.number()]),
    currency: z.string().regex(/^[A-Za-z]{3}$/),
    test: z.boolean().optional(),
    merchant_locale: z.string().max(20).nullish(),
    proposed_at: z.string().max(64).nullish(),
  });
}
