import { z } from "zod";
import { addressSchema, customerSchema } from "./address.ts";
import { instalmentSchema } from "./instalment.ts";
import { jsonValueSchema } from "./json-value.ts";
import { openEnum } from "./open-enum.ts";
import { orderSchema } from "./order.ts";
import { refundSchema } from "./refund.ts";

export const paymentStates = [
  "not_ready",
  "not_started",
  "scored_no",
  "scored_maybe",
  "scored_yes",
  "in_progress",
  "paid",
  "stopped",
  "late",
  "late_dunning",
  "late_contact_customer",
  "default",
  "collection_done",
] as const;
export const paymentStateSchema = openEnum(paymentStates);
/** A known state, or any other string Alma may add later (see openEnum). */
export type PaymentState = z.infer<typeof paymentStateSchema>;

/**
 * Required fields are those Alma's PHP v3 client treats as mandatory; everything else we read is
 * optional, and unknown fields are kept (looseObject) so callers can reach what we do not model.
 */
export const paymentSchema = z.looseObject({
  id: z.string(),
  state: paymentStateSchema,
  kind: z.string(),
  url: z.string(),
  purchase_amount: z.int(),
  installments_count: z.int(),
  deferred_days: z.int(),
  deferred_months: z.int(),
  customer_fee: z.int(),
  customer_interest: z.int(),
  amount_already_refunded: z.int(),
  payment_plan: z.array(instalmentSchema),
  refunds: z.array(refundSchema).default([]),
  orders: z.array(orderSchema).default([]),
  // Free JSON echoed back. Not narrowed to an object: payments made by other integrations on the
  // same account may carry anything, and one odd payment must not break a whole list.
  custom_data: jsonValueSchema,
  expired_at: z.int().nullable(),
  created: z.int().optional(),
  updated: z.int().nullish(),
  processing_status: z.string().nullish(),
  origin: z.string().nullish(),
  locale: z.string().nullish(),
  is_completely_refunded: z.boolean().optional(),
  deferred_trigger: z.boolean().optional(),
  deferred_trigger_description: z.string().nullish(),
  deferred_trigger_applied: z.int().nullish(),
  return_url: z.string().nullish(),
  ipn_callback_url: z.string().nullish(),
  customer_cancel_url: z.string().nullish(),
  merchant_id: z.string().optional(),
  customer: customerSchema.nullish(),
  billing_address: addressSchema.nullish(),
  shipping_address: addressSchema.nullish(),
});

export type Payment = z.infer<typeof paymentSchema>;
