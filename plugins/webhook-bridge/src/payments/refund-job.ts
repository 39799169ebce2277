import { type JobDefinition, jobType } from "@alma-suite/core/storage";
import { z } from "zod";
import type { BridgeContext } from "../bridge-context.ts";
import { executeRefund } from "./complete-refund.ts";

export const REFUND_JOB = "bridge:refund";

export const refundJobType = jobType(
  REFUND_JOB,
  z.object({
    tenantId: z.string(),
    refundId: z.string(),
    full: z.boolean(),
    comment: z.string().optional(),
  }),
);
export type RefundJobPayload = z.infer<typeof refundJobType.payload>;

/**
 * The safety net of every refund: if it is still pending (Alma's answer lost, the process died),
 * look at Alma first — a refund carrying our reference means it happened — and only ask again if
 * it did not. Throws while Alma is unreachable, so the queue retries with backoff.
 */
export function refundJob(ctx: BridgeContext): JobDefinition<RefundJobPayload> {
  return refundJobType.define(async (p, job) => {
    await ctx.ready;
    const refund = await ctx.storage.getRefund(p.tenantId, p.refundId);
    if (refund?.state !== "pending") return;
    const link = await ctx.storage.getPaymentLink(p.tenantId, refund.paymentLinkId);
    if (!link?.almaPaymentId) throw new Error(`refund ${refund.id} has no Alma payment`);
    const execution = await executeRefund(ctx, {
      link,
      refund,
      full: p.full,
      comment: p.comment,
      fence: job.renewLease,
    });
    if (execution.kind === "pending")
      throw execution.error instanceof Error ? execution.error : new Error(String(execution.error));
  });
}
