import type { PluginDeps, Refund } from "@alma-suite/core";
import { AlmaInvalidRequestError } from "@alma-suite/core";
import { refundOnce, settleRefundState } from "@alma-suite/core/flows";
import { almaModeOf, readSession } from "../payment-session/session-record.ts";
import { mutationJob, mutationKey } from "../session-mutations/mutation-job.ts";
import { SHOPIFY_REFUNDABLE } from "../session-mutations/shopify-adapter.ts";
import type { RefundPayload } from "./accept-refund.ts";

/**
 * The `shopify:refund` job: refund at Alma with `merchant_reference` = the refund session id,
 * then queue `refundSessionResolve`, or `refundSessionReject` with Alma's reason. Before asking
 * Alma it looks for a refund already carrying that reference (a crash after Alma answered), and
 * renews the job's lease right before sending, so a session is never refunded twice (see refundOnce). A first refund of the whole amount is sent without amount, as
 * a full refund (Alma then also returns the customer's fees).
 */
export async function processRefund(
  deps: Pick<PluginDeps, "storage" | "almaFor" | "logger">,
  p: RefundPayload,
  /** The job's `renewLease`: a worker that lost the job sends nothing to Alma. */
  fence?: () => Promise<boolean>,
): Promise<void> {
  const { storage } = deps;
  const refund = await storage.findRefundByPlatformRef(p.tenantId, p.refundSessionId);
  const link = await storage.getPaymentLink(p.tenantId, p.paymentLinkId);
  if (!refund || !link?.almaPaymentId)
    throw new Error(`refund ${p.refundSessionId} or its payment is missing`);
  const job = (name: "refundSessionResolve" | "refundSessionReject", variables: Record<string, unknown>) =>
    mutationJob(mutationKey(name, p.gid), { tenantId: p.tenantId, paymentLinkId: link.id, name, variables });
  if (refund.state === "succeeded") {
    await storage.enqueue(job("refundSessionResolve", { id: p.gid }));
    return;
  }
  if (refund.state === "failed") return;
  const alma = await deps.almaFor(p.tenantId, almaModeOf(readSession(link)));
  let done: Refund;
  try {
    const refundedWithThis = await storage.sumRefundedCents(p.tenantId, link.id);
    const whole = refundedWithThis === refund.amountCents && refund.amountCents === link.amountCents;
    ({ refund: done } = await refundOnce(alma, {
      almaPaymentId: link.almaPaymentId,
      ...(whole ? {} : { amountCents: refund.amountCents }),
      merchantReference: p.refundSessionId,
      comment: "Refund from Shopify",
      ...(fence ? { fence } : {}),
    }));
  } catch (error) {
    if (!(error instanceof AlmaInvalidRequestError)) throw error;
    deps.logger.warn(
      { tenantId: p.tenantId, refund: p.refundSessionId, alma: error.message },
      "Alma refused the refund",
    );
    await storage.transaction(async (tx) => {
      await tx.transitionRefund(p.tenantId, refund.id, ["pending"], "failed");
      await tx.appendPaymentEvent({
        tenantId: p.tenantId,
        paymentLinkId: link.id,
        type: "refund.refused",
        data: {
          refundSessionId: p.refundSessionId,
          amountCents: refund.amountCents,
          reason: error.message,
        },
      });
      await tx.enqueue(
        job("refundSessionReject", {
          id: p.gid,
          reason: { code: "PROCESSING_ERROR", merchantMessage: `Alma: ${error.message}`.slice(0, 255) },
        }),
      );
    });
    return;
  }
  const almaRefundId = done.id;
  await storage.transaction(async (tx) => {
    if (!(await tx.transitionRefund(p.tenantId, refund.id, ["pending"], "succeeded", { almaRefundId })))
      return;
    await settleRefundState(tx, link, SHOPIFY_REFUNDABLE);
    await tx.appendPaymentEvent({
      tenantId: p.tenantId,
      paymentLinkId: link.id,
      type: "refund.succeeded",
      data: { refundSessionId: p.refundSessionId, almaRefundId, amountCents: refund.amountCents },
    });
    await tx.enqueue(job("refundSessionResolve", { id: p.gid }));
  });
}
