import { z } from "zod";
import { jsonValueSchema } from "./json-value.ts";

export const refundInputSchema = z.object({
  /** Cents; omit for a full refund (Alma then also refunds the customer fees). */
  amount: z.int().positive().optional(),
  /** Our id for this refund (e.g. the platform's refund id); how a lost response is recovered. */
  merchantReference: z.string().min(1),
  comment: z.string().optional(),
});

export const paymentEditInputSchema = z.looseObject({
  custom_data: z.record(z.string(), jsonValueSchema),
});

export const paymentListFilterSchema = z.object({
  limit: z.int().positive().optional(),
  startingAfter: z.string().min(1).optional(),
  states: z.array(z.string().min(1)).optional(),
});

export type RefundInput = z.input<typeof refundInputSchema>;
export type PaymentEditInput = z.input<typeof paymentEditInputSchema>;
export type PaymentListFilter = z.input<typeof paymentListFilterSchema>;
