import { z } from "zod";
import { addressInputSchema } from "./payment-create-input.ts";

export const eligibilityQueryInputSchema = z.looseObject({
  installments_count: z.int().min(1).max(12),
  deferred_days: z.int().nonnegative().default(0),
  deferred_months: z.int().nonnegative().default(0),
});

/** Body of `POST /v2/payments/eligibility`: one answer comes back per query, in order. */
export const eligibilityInputSchema = z.looseObject({
  purchase_amount: z.int().positive(),
  queries: z.array(eligibilityQueryInputSchema).min(1),
  billing_address: addressInputSchema.optional(),
  shipping_address: addressInputSchema.optional(),
  locale: z.string().optional(),
  origin: z.string().optional(),
});

export type EligibilityQueryInput = z.input<typeof eligibilityQueryInputSchema>;
export type EligibilityInput = z.input<typeof eligibilityInputSchema>;
