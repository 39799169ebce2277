import { z } from "zod";
import { paymentViewSchema } from "../payments/payment-view.ts";

/** Parses an answer with the schema the OpenAPI document publishes: documentation and reality agree. */
export function checkoutViewCheck(body: unknown) {
  return z
    .object({
      object: z.literal("checkout"),
      redirect_url: z.string().nullable(),
      payment: paymentViewSchema.strict(),
    })
    .strict()
    .parse(body);
}
