import { z } from "zod";

/** A plan line in an eligibility answer: like an Instalment, without id or state. */
export const eligibilityInstalmentSchema = z.looseObject({
  due_date: z.int(),
  purchase_amount: z.int(),
  customer_fee: z.int(),
  customer_interest: z.int(),
  total_amount: z.int(),
  refunded_interest: z.int().nullish(),
});

export type EligibilityInstalment = z.infer<typeof eligibilityInstalmentSchema>;

export const eligibleSchema = z.looseObject({
  eligible: z.literal(true),
  purchase_amount: z.int().optional(),
  installments_count: z.int(),
  deferred_days: z.int(),
  deferred_months: z.int(),
  payment_plan: z.array(eligibilityInstalmentSchema),
  customer_fee: z.int().optional(),
  customer_interest: z.int().optional(),
  customer_total_cost_amount: z.int().optional(),
  customer_total_cost_bps: z.number().optional(),
  annual_interest_rate: z.number().nullish(),
});

export const notEligibleSchema = z.looseObject({
  eligible: z.literal(false),
  purchase_amount: z.int().optional(),
  installments_count: z.int(),
  deferred_days: z.int(),
  deferred_months: z.int(),
  reasons: z.record(z.string(), z.unknown()).nullish(),
  constraints: z.record(z.string(), z.unknown()).nullish(),
});

/** Not eligible is an expected answer, not an error: it is a value discriminated on `eligible`. */
export const eligibilitySchema = z.discriminatedUnion("eligible", [eligibleSchema, notEligibleSchema]);

export type Eligible = z.infer<typeof eligibleSchema>;
export type NotEligible = z.infer<typeof notEligibleSchema>;
export type Eligibility = z.infer<typeof eligibilitySchema>;

export const eligibilityListSchema = z.array(eligibilitySchema);
