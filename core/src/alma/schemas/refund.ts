import { z } from "zod";

export const refundSchema = z.looseObject({
  id: z.string(),
  created: z.int().optional(),
  amount: z.int(),
  // Refunds made from Alma's dashboard may carry no reference of ours.
  merchant_reference: z.string().nullish(),
  payment: z.string().optional(),
  from_payment_cancellation: z.boolean().optional(),
  payment_refund_amount: z.int().optional(),
  rebate_amount: z.int().optional(),
});

export type Refund = z.infer<typeof refundSchema>;
