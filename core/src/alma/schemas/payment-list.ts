import { z } from "zod";
import { paymentSchema } from "./payment.ts";

export const paymentListSchema = z.looseObject({
  data: z.array(paymentSchema),
  has_more: z.boolean(),
});

export type PaymentList = z.infer<typeof paymentListSchema>;
