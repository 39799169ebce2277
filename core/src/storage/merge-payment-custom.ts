import { modifyPaymentLink } from "./modify-payment-link.ts";
import type { JsonObject, PaymentLink, PaymentPatch } from "./records.ts";
import type { StorageTransaction } from "./storage.ts";

/**
 * Sets top-level fields of a payment link's `custom` (and, with `extra`, other columns) onto the
 * link as it is when written (`modifyPaymentLink`), so fields another step writes at the same
 * moment survive. A field set to `undefined` is removed (JSON drops it). Null for an unknown link.
 */
export function mergePaymentCustom(
  storage: Pick<StorageTransaction, "transaction">,
  tenantId: string,
  id: string,
  fields: JsonObject,
  extra: PaymentPatch = {},
): Promise<PaymentLink | null> {
  return modifyPaymentLink(storage, tenantId, id, (link) => ({
    ...extra,
    custom: { ...link.custom, ...fields },
  }));
}
