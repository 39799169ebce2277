import { z } from "zod";

/**
 * The fields of the bridge's payment view (plugins/webhook-bridge payment-view.ts) the demo store
 * reads, from a webhook or a lookup alike: an answer without an integer refunded amount is refused
 * rather than stored as NaN cents.
 */
export const bridgePaymentSchema = z.object({
  id: z.string(),
  order_reference: z.string(),
  status: z.string(),
  refunded_amount: z.int().nonnegative(),
});
