import { z } from "zod";
import { REFUNDABLE_STATES } from "../dashboard-api/dashboard-states.ts";
import { jobType } from "../jobs/job-type.ts";
import type { PaymentLink, Refund } from "../storage/records.ts";
import type { StorageTransaction } from "../storage/storage.ts";

/** Job type of a refund asked from the merchant dashboard, run by the server's worker. */
export const DASHBOARD_REFUND_JOB = "dashboard:refund";

export const dashboardRefundJob = jobType(
  DASHBOARD_REFUND_JOB,
  z.object({ tenantId: z.string(), paymentLinkId: z.string(), refundId: z.string() }),
);
export type DashboardRefundPayload = z.infer<typeof dashboardRefundJob.payload>;

export type DashboardRefundRequest =
  | { status: "accepted"; refund: Refund; created: boolean }
  | { status: "exceeds_refundable"; refundableCents: number }
  | { status: "not_refundable"; state: PaymentLink["state"] }
  | { status: "unknown_payment" };

/**
 * Whether an Alma refund's `merchant_reference` names this dashboard refund. Its job sends our
 * refund id (not `platformRefundRef`) as the reference, so reconciliation must recognise it that
 * way too, or a refund still pending here would be recorded a second time as "made at Alma".
 */
export function isDashboardRefundReference(
  refund: Refund,
  merchantReference: string | null | undefined,
): boolean {
  return refund.platformRefundRef.startsWith("dashboard:") && refund.id === merchantReference;
}

/**
 * A refund the merchant asks for in the dashboard. The refund is recorded (origin `alma`: made
 * outside the platform) together with the job that asks Alma for it, in one transaction, so a crash
 * loses neither; storage's createRefund refuses anything above what is still refundable and makes
 * the same idempotency key give back the same refund. Nothing is written when it says no.
 */
export async function requestDashboardRefund(
  storage: StorageTransaction,
  input: { tenantId: string; paymentLinkId: string; amountCents?: number; idempotencyKey: string },
): Promise<DashboardRefundRequest> {
  const link = await storage.getPaymentLink(input.tenantId, input.paymentLinkId);
  if (!link) return { status: "unknown_payment" };
  // Scoped by payment so one key reused on another payment is another refund.
  const platformRefundRef = `dashboard:${link.id}:${input.idempotencyKey}`;
  const earlier = await storage.findRefundByPlatformRef(input.tenantId, platformRefundRef);
  if (earlier) return { status: "accepted", refund: earlier, created: false };
  if (!REFUNDABLE_STATES.includes(link.state) || !link.almaPaymentId)
    return { status: "not_refundable", state: link.state };
  const refundableCents = link.amountCents - (await storage.sumRefundedCents(input.tenantId, link.id));
  const amountCents = input.amountCents ?? refundableCents;
  if (amountCents <= 0)
    return { status: "exceeds_refundable", refundableCents: Math.max(0, refundableCents) };
  return storage.transaction(async (tx) => {
    const result = await tx.createRefund({
      tenantId: input.tenantId,
      paymentLinkId: link.id,
      platformRefundRef,
      amountCents,
      origin: "alma",
    });
    if (result.outcome === "unknown_payment") return { status: "unknown_payment" };
    if (result.outcome === "exceeds_refundable")
      return { status: "exceeds_refundable", refundableCents: result.refundableCents };
    if (result.outcome === "created") {
      await dashboardRefundJob.enqueue(tx, {
        key: `dashboard:refund:${result.refund.id}`,
        payload: { tenantId: input.tenantId, paymentLinkId: link.id, refundId: result.refund.id },
      });
      await tx.appendPaymentEvent({
        tenantId: input.tenantId,
        paymentLinkId: link.id,
        type: "refund.requested",
        data: { refundId: result.refund.id, amountCents, source: "dashboard" },
      });
    }
    return { status: "accepted", refund: result.refund, created: result.outcome === "created" };
  });
}
