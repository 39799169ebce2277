import type { PluginDeps } from "@alma-suite/core";
import { AlmaInvalidRequestError } from "@alma-suite/core";
import { type JobDefinition, jobType } from "@alma-suite/core/storage";
import { z } from "zod";

/** Gives back the money of a checkout attempt that lost its group to another accepted attempt. */
export const RELEASE_DUPLICATE_JOB = "shopify:alma-release-duplicate";
/** Cancels an Alma payment the buyer walked away from, so a stale tab cannot pay it later. */
export const ALMA_CANCEL_JOB = "shopify:alma-cancel";

const almaPaymentPayload = z.object({
  tenantId: z.string(),
  almaPaymentId: z.string(),
  /** Alma's merchant_reference for the refund, unique per payment. */
  reference: z.string(),
  /** The payment's Alma environment (absent in jobs queued before it was recorded: the shop's mode). */
  mode: z.enum(["live", "test"]).optional(),
});
export type AlmaPaymentPayload = z.infer<typeof almaPaymentPayload>;
export const releaseDuplicateJob = jobType(RELEASE_DUPLICATE_JOB, almaPaymentPayload);
export const almaCancelJob = jobType(ALMA_CANCEL_JOB, almaPaymentPayload);

const UNPAID = new Set(["not_started", "scored_no", "scored_maybe", "scored_yes", "stopped"]);

export function almaJobHandlers(
  deps: Pick<PluginDeps, "storage" | "almaFor" | "logger">,
): Record<string, JobDefinition> {
  return {
    [RELEASE_DUPLICATE_JOB]: releaseDuplicateJob.define(async (p) => {
      const alma = await deps.almaFor(p.tenantId, { mode: p.mode });
      const payment = await alma.payments.fetch(p.almaPaymentId);
      const untouched = UNPAID.has(payment.state) && payment.payment_plan.every((i) => i.date_paid == null);
      if (untouched) {
        if (payment.state !== "stopped") await alma.payments.cancel(p.almaPaymentId);
      } else if (!payment.refunds.some((r) => r.merchant_reference === p.reference)) {
        await alma.payments.refund(p.almaPaymentId, {
          merchantReference: p.reference,
          comment: "Duplicate payment for a Shopify checkout that was already paid",
        });
      }
      deps.logger.warn(
        { tenantId: p.tenantId, pid: p.almaPaymentId, untouched },
        "duplicate Alma payment released",
      );
    }),
    [ALMA_CANCEL_JOB]: almaCancelJob.define(async (p) => {
      const alma = await deps.almaFor(p.tenantId, { mode: p.mode });
      try {
        await alma.payments.cancel(p.almaPaymentId);
        // As the inline cancel does: the link is over for the buyer, every page sends them back.
        const link = await deps.storage.findPaymentByAlmaId(p.tenantId, p.almaPaymentId);
        if (link)
          await deps.storage.transitionPayment(
            p.tenantId,
            link.id,
            ["pending"],
            "cancelled",
            {},
            {
              almaPaymentId: p.almaPaymentId,
            },
          );
      } catch (error) {
        // Paid meanwhile: the confirmation (IPN) resolves the session; nothing to cancel.
        if (!(error instanceof AlmaInvalidRequestError)) throw error;
        deps.logger.info(
          { tenantId: p.tenantId, pid: p.almaPaymentId },
          "Alma payment not cancelled: already paid",
        );
      }
    }),
  };
}
