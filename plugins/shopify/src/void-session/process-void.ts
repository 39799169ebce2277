import type { PluginDeps } from "@alma-suite/core";
import { AlmaInvalidRequestError } from "@alma-suite/core";
import { almaModeOf, readSession } from "../payment-session/session-record.ts";
import { mutationJob, mutationKey } from "../session-mutations/mutation-job.ts";
import type { VoidPayload } from "./accept-void.ts";

/**
 * The `shopify:void` job: voiding an authorization cancels the Alma payment upon trigger before
 * anything was charged. Alma refuses once money moved (the merchant must refund instead), which
 * becomes `voidSessionReject` with Alma's reason.
 */
export async function processVoid(
  deps: Pick<PluginDeps, "storage" | "almaFor" | "logger">,
  p: VoidPayload,
): Promise<void> {
  const link = await deps.storage.getPaymentLink(p.tenantId, p.paymentLinkId);
  if (!link) throw new Error(`payment link ${p.paymentLinkId} is missing`);
  let refusal: string | null = null;
  if (!link.almaPaymentId || !["authorized", "cancelled"].includes(link.state)) {
    refusal = `nothing authorised to void (payment ${link.state})`;
  } else {
    try {
      await (await deps.almaFor(p.tenantId, almaModeOf(readSession(link)))).payments.cancel(
        link.almaPaymentId,
      );
    } catch (error) {
      if (!(error instanceof AlmaInvalidRequestError)) throw error;
      refusal = `Alma: ${error.message}`;
    }
  }
  const name = refusal === null ? "voidSessionResolve" : "voidSessionReject";
  const variables =
    refusal === null
      ? { id: p.gid }
      : { id: p.gid, reason: { code: "PROCESSING_ERROR", merchantMessage: refusal.slice(0, 255) } };
  await deps.storage.transaction(async (tx) => {
    if (refusal === null) await tx.transitionPayment(p.tenantId, link.id, ["authorized"], "cancelled");
    await tx.appendPaymentEvent({
      tenantId: p.tenantId,
      paymentLinkId: link.id,
      type: refusal === null ? "void.succeeded" : "void.refused",
      data: { gid: p.gid, ...(refusal === null ? {} : { reason: refusal }) },
    });
    await tx.enqueue(
      mutationJob(mutationKey(name, p.gid), {
        tenantId: p.tenantId,
        paymentLinkId: link.id,
        name,
        variables,
      }),
    );
  });
  deps.logger.info({ tenantId: p.tenantId, gid: p.gid, voided: refusal === null }, "void session processed");
}
