import { z } from "zod";

/** Body of Shopify's void session request: no amount, an authorization is voided whole. */
export const voidSessionRequestSchema = z.looseObject({
  id: z.string().min(1).max(255),
  gid: z.string().regex(/^gid:\/\/shopify\/VoidSession\/\S+$/, "must be a VoidSession gid"),
  payment_id: z.string().min(1).max(255),
  test: z.boolean().optional(),
  merchant_locale: z.string().max(20).nullish(),
  proposed_at: z.string().max(64).nullish(),
});
export type VoidSessionRequest = z.output<typeof voidSessionRequestSchema>;
