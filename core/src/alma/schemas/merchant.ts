import { z } from "zod";
import { feePlanSchema } from "./fee-plan.ts";

/** `GET /v1/me/extended-data`: plugins use it to validate a key and read the merchant id. */
export const merchantSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  fee_plans: z.array(feePlanSchema).optional(),
});

export type Merchant = z.infer<typeof merchantSchema>;
