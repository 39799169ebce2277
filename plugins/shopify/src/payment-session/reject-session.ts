import type { PluginLogger } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import { mutationJob, mutationKey } from "../session-mutations/mutation-job.ts";
import { type RejectionCode, readSession, sessionCustom } from "./session-record.ts";

/**
 * Refuses a session before any Alma payment was made (ineligible basket, Alma refusing to create
 * the payment): the link becomes `refused`, the buyer's details go, and `paymentSessionReject`
 * is queued in the same transaction. Our checkout page then sends the buyer back to Shopify.
 */
export async function rejectSession(
  deps: { storage: Storage; logger: PluginLogger },
  input: { tenantId: string; linkId: string; code: RejectionCode; message: string },
): Promise<void> {
  await deps.storage.transaction(async (tx) => {
    const link = await tx.lockPaymentLink(input.tenantId, input.linkId);
    const session = link && readSession(link);
    if (!link || !session) return;
    const rejection = { code: input.code, message: input.message };
    const moved = await tx.transitionPayment(input.tenantId, link.id, ["pending"], "refused", {
      custom: sessionCustom(link, { ...session, rejection, customer: null }),
    });
    if (!moved) return;
    await tx.enqueue(
      mutationJob(mutationKey("paymentSessionReject", session.gid), {
        tenantId: input.tenantId,
        paymentLinkId: link.id,
        name: "paymentSessionReject",
        variables: {
          id: session.gid,
          reason: { code: input.code, merchantMessage: input.message.slice(0, 255) },
        },
      }),
    );
  });
  deps.logger.info(
    { tenantId: input.tenantId, linkId: input.linkId, code: input.code },
    "payment session rejected",
  );
}
