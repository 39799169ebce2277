import { modifyPaymentLink, type Storage } from "@alma-suite/core/storage";

/**
 * How long a claim stands if its holder dies: longer than one interactive creation (eligibility and
 * payment, each within ALMA_INTERACTIVE's budget), short enough for the customer's retry to work.
 */
export const CREATION_CLAIM_MS = 15_000;

export type CreationClaim = "claimed" | "busy" | "changed";

/**
 * The right to create the Alma payment of one order link, held across server instances: Alma has no
 * idempotency key, so two instances answering the same checkout (a double click, a PHP retry behind
 * a load balancer) must not both create one. A same-state compare-and-set opens the transaction:
 * on PostgreSQL its UPDATE locks the row until commit, so a second instance waits there and then
 * reads the first one's claim; on SQLite the transaction is exclusive anyway. `changed` means the
 * link's Alma payment is no longer the one the caller saw: someone else created it meanwhile.
 */
export async function claimPaymentCreation(
  storage: Storage,
  input: { tenantId: string; linkId: string; sawAlmaPaymentId: string | null; now: number },
): Promise<CreationClaim> {
  return storage.transaction(async (tx) => {
    if (!(await tx.transitionPayment(input.tenantId, input.linkId, ["pending"], "pending"))) return "changed";
    const link = await tx.getPaymentLink(input.tenantId, input.linkId);
    if (!link || link.almaPaymentId !== input.sawAlmaPaymentId) return "changed";
    const until = link.custom.creationClaimUntil;
    if (typeof until === "number" && until > input.now) return "busy";
    await tx.updatePaymentLink(input.tenantId, input.linkId, {
      custom: { ...link.custom, creationClaimUntil: input.now + CREATION_CLAIM_MS },
    });
    return "claimed";
  });
}

/** Ends a claim whose creation failed, so the customer's retry need not wait for it to expire. */
export async function releasePaymentCreation(
  storage: Storage,
  tenantId: string,
  linkId: string,
): Promise<void> {
  await modifyPaymentLink(storage, tenantId, linkId, (link) => {
    if (link.custom.creationClaimUntil === undefined) return null;
    const { creationClaimUntil: _released, ...custom } = link.custom;
    return { custom };
  });
}
