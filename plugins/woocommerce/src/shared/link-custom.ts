import { mergePaymentCustom, type PaymentLink, type StorageTransaction } from "@alma-suite/core/storage";
import { z } from "zod";

/** What a WooCommerce payment link keeps in `custom`. */
const linkCustomSchema = z.looseObject({
  orderId: z.int(),
  orderKey: z.string(),
  origin: z.enum(["gateway", "pay_by_link"]),
  /** Where the customer goes back to: the thank-you page, or the checkout when the payment failed. */
  returnUrl: z.string().optional(),
  cancelUrl: z.string().optional(),
  /** Pay-by-link: the customer note with the link was added. */
  linkSent: z.boolean().optional(),
  /** Fingerprint of the last order state we handled or wrote: a webhook bringing it is our own echo. */
  seen: z.string().optional(),
  /** Last order status pushed to Alma's payment orders. */
  pushedStatus: z.string().optional(),
  /** Tracking numbers already sent to Alma as shipments. */
  pushedShipments: z.array(z.string()).optional(),
});

export type LinkCustom = z.infer<typeof linkCustomSchema>;

export function linkCustom(link: PaymentLink): LinkCustom {
  return linkCustomSchema.parse(link.custom);
}

/**
 * `mergePaymentCustom` for WooCommerce's own fields: other steps writing at the same moment (a
 * webhook, the sync, the checkout) keep theirs.
 */
export function patchLinkCustom(
  storage: Pick<StorageTransaction, "transaction">,
  tenantId: string,
  linkId: string,
  patch: Partial<LinkCustom>,
): Promise<PaymentLink | null> {
  return mergePaymentCustom(storage, tenantId, linkId, patch);
}
