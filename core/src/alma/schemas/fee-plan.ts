import { z } from "zod";
import { openEnum } from "./open-enum.ts";

export const feePlanKindSchema = openEnum(["general", "pos"]);
export type FeePlanKind = z.infer<typeof feePlanKindSchema>;

/** Fees are in basis points (`*_variable`, `customer_lending_rate`) or cents (`*_fixed`). */
export const feePlanSchema = z.looseObject({
  kind: feePlanKindSchema,
  installments_count: z.int(),
  deferred_days: z.int(),
  deferred_months: z.int(),
  allowed: z.boolean(),
  min_purchase_amount: z.int(),
  max_purchase_amount: z.int(),
  available_online: z.boolean().optional(),
  available_in_pos: z.boolean().optional(),
  merchant_fee_variable: z.number().optional(),
  merchant_fee_fixed: z.int().optional(),
  customer_fee_variable: z.number().optional(),
  customer_fee_fixed: z.int().optional(),
  customer_lending_rate: z.number().optional(),
  // null or > 0 days; a number means the plan supports payment upon trigger.
  deferred_trigger_limit_days: z.int().nullish(),
  deferred_trigger_bypass_scoring: z.boolean().optional(),
  first_installment_ratio: z.number().nullish(),
  capped: z.boolean().optional(),
  payout_on_acceptance: z.boolean().optional(),
  merchant: z.string().optional(),
});

export type FeePlan = z.infer<typeof feePlanSchema>;

export const feePlanListSchema = z.array(feePlanSchema);
