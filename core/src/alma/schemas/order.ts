import { z } from "zod";
import { jsonValueSchema } from "./json-value.ts";

export const orderSchema = z.looseObject({
  id: z.string(),
  payment: z.string().nullish(),
  merchant_reference: z.string().nullish(),
  merchant_url: z.string().nullish(),
  customer_url: z.string().nullish(),
  comment: z.string().nullish(),
  data: jsonValueSchema.optional(),
  created: z.int().optional(),
  updated: z.int().nullish(),
  carrier: z.string().nullish(),
  tracking_number: z.string().nullish(),
  tracking_url: z.string().nullish(),
});

export type Order = z.infer<typeof orderSchema>;

export const orderListSchema = z.array(orderSchema);

/** `GET /v1/orders`: one page of the merchant's orders, like the payments list. */
export const orderPageSchema = z.looseObject({
  data: z.array(orderSchema),
  has_more: z.boolean(),
});

export type OrderPage = z.infer<typeof orderPageSchema>;
