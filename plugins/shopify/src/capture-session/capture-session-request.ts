import { z } from "zod";

/** Body of Shopify's capture session request (reference §3); only for `kind: authorization`. */
export const captureSessionRequestSchema = z.looseObject({
  id: z.string().min(1).max(255),
  gid: z.string().regex(/^gid:\/\/shopify\/CaptureSession\/\S+$/, "must be a CaptureSession gid"),
  payment_id: z.string().min(1).max(255),
  amount: z.union([z.string().max(32), z.number()]),
  currency: z.string().regex(/^[A-Za-z]{3}$/),
  test: z.boolean().optional(),
  merchant_locale: z.string().max(20).nullish(),
  proposed_at: z.string().max(64).nullish(),
});
export type CaptureSessionRequest = z.output<typeof captureSessionRequestSchema>;
