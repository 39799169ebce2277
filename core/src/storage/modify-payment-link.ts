import type { PaymentLink, PaymentPatch } from "./records.ts";
import type { StorageTransaction } from "./storage.ts";

/**
 * The read-modify-write of a payment link: reads it locked (`lockPaymentLink`), asks `change` what
 * to write, and writes it, in one transaction (joined when the caller already holds one). A field
 * merged into `custom` this way survives another writer's merge landing at the same moment; two
 * plain reads and writes would keep only one of them. Null when the link is unknown or `change`
 * decides to write nothing.
 */
export function modifyPaymentLink(
  storage: Pick<StorageTransaction, "transaction">,
  tenantId: string,
  id: string,
  change: (link: PaymentLink, tx: StorageTransaction) => PaymentPatch | null | Promise<PaymentPatch | null>,
): Promise<PaymentLink | null> {
  return storage.transaction(async (tx) => {
    const link = await tx.lockPaymentLink(tenantId, id);
    const patch = link && (await change(link, tx));
    return patch ? tx.updatePaymentLink(tenantId, id, patch) : null;
  });
}
