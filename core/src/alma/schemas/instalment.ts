import { z } from "zod";
import { openEnum } from "./open-enum.ts";

export const instalmentStates = ["pending", "paid", "incident", "claimed", "covered"] as const;
export const instalmentStateSchema = openEnum(instalmentStates);
export type InstalmentState = z.infer<typeof instalmentStateSchema>;

/** One entry of `payment.payment_plan` (the plan may hold more entries than installments_count). */
export const instalmentSchema = z.looseObject({
  id: z.string().optional(),
  due_date: z.int(),
  purchase_amount: z.int(),
  customer_fee: z.int(),
  customer_interest: z.int(),
  total_amount: z.int().optional(),
  original_purchase_amount: z.int().optional(),
  refunded_interest: z.int().nullish(),
  date_paid: z.int().nullish(),
  customer_can_postpone: z.boolean().optional(),
  is_check: z.boolean().optional(),
  state: instalmentStateSchema,
});

export type Instalment = z.infer<typeof instalmentSchema>;
