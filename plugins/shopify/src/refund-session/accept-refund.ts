import type { PluginLogger } from "@alma-suite/core";
import { formatMoney, tryParseAmountToCents } from "@alma-suite/core";
import { jobType, type Storage } from "@alma-suite/core/storage";
import { z } from "zod";
import type { FollowUp } from "../http/session-follow-up-route.ts";
import { mutationJob, mutationKey } from "../session-mutations/mutation-job.ts";
import type { RefundSessionRequest } from "./refund-session-request.ts";

export const REFUND_JOB = "shopify:refund";

export const refundJob = jobType(
  REFUND_JOB,
  z.object({ tenantId: z.string(), paymentLinkId: z.string(), refundSessionId: z.string(), gid: z.string() }),
);
export type RefundPayload = z.infer<typeof refundJob.payload>;

const REFUNDABLE = new Set(["paid", "partially_refunded", "refunded"]);

/**
 * A refund session: the refund is recorded (pending) and its job queued in one transaction, keyed
 * by the refund session, so a retried request adds nothing. What storage already knows cannot be
 * refunded (more than remains, nothing captured) is rejected to Shopify without asking Alma.
 */
export async function acceptRefund(
  deps: { storage: Storage; logger: PluginLogger },
  { tenant, link, body }: FollowUp<RefundSessionRequest>,
): Promise<undefined | { status: 400 | 409; error: string }> {
  const amount = tryParseAmountToCents(body.amount);
  if (!amount.ok || amount.cents <= 0)
    return { status: 400, error: `amount: ${amount.ok ? "must be positive" : amount.error}` };
  if (body.currency.toUpperCase() !== link.currency)
    return { status: 400, error: `currency must be ${link.currency}` };
  const rejectWith = (merchantMessage: string) =>
    deps.storage.enqueue(
      mutationJob(mutationKey("refundSessionReject", body.gid), {
        tenantId: tenant.id,
        paymentLinkId: link.id,
        name: "refundSessionReject",
        variables: { id: body.gid, reason: { code: "PROCESSING_ERROR", merchantMessage } },
      }),
    );
  if (!REFUNDABLE.has(link.state)) {
    await rejectWith(`The Alma payment is ${link.state}: there is nothing to refund`);
    return;
  }
  return deps.storage.transaction(async (tx) => {
    const result = await tx.createRefund({
      tenantId: tenant.id,
      paymentLinkId: link.id,
      platformRefundRef: body.id,
      amountCents: amount.cents,
      origin: "platform",
    });
    if (result.outcome === "exceeds_refundable") {
      deps.logger.warn(
        { tenantId: tenant.id, refund: body.id, amount: amount.cents },
        "refund above what remains",
      );
      const message = `Alma: a refund of ${formatMoney(amount.cents)} is more than the ${formatMoney(result.refundableCents)} that remain refundable`;
      await tx.enqueue(
        mutationJob(mutationKey("refundSessionReject", body.gid), {
          tenantId: tenant.id,
          paymentLinkId: link.id,
          name: "refundSessionReject",
          variables: { id: body.gid, reason: { code: "PROCESSING_ERROR", merchantMessage: message } },
        }),
      );
      return;
    }
    if (result.outcome === "unknown_payment") throw new Error(`payment link ${link.id} vanished`);
    if (result.outcome === "existing" && result.refund.amountCents !== amount.cents)
      return {
        status: 409 as const,
        error: `refund session ${body.id} was already recorded with another amount`,
      };
    await refundJob.enqueue(tx, {
      key: `${REFUND_JOB}:${body.gid}`,
      payload: {
        tenantId: tenant.id,
        paymentLinkId: link.id,
        refundSessionId: body.id,
        gid: body.gid,
      },
      maxAttempts: 50,
    });
    return undefined;
  });
}
