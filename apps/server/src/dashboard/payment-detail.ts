import { ALMA_INTERACTIVE } from "@alma-suite/core";
import type { Instalment, PaymentDetail } from "@alma-suite/core/dashboard-api";
import type { Tenant } from "@alma-suite/core/storage";
import type { DashboardContext } from "./dashboard-context.ts";
import { instalmentRow, refundRow } from "./dashboard-views.ts";
import { paymentTimeline } from "./payment-timeline.ts";
import { rowOf } from "./row-of.ts";

/**
 * One payment with its schedule read from Alma (the source of truth for which instalments are
 * paid), its refunds, what can still be refunded and its timeline. Alma being unreachable is shown
 * as `scheduleError`, not as a failed page.
 */
export async function paymentDetail(
  ctx: DashboardContext,
  tenant: Tenant,
  paymentId: string,
): Promise<PaymentDetail | null> {
  const link = await ctx.storage.getPaymentLink(tenant.id, paymentId);
  if (!link) return null;
  const [{ row, refunds }, refunded, events, jobs] = await Promise.all([
    rowOf(ctx, tenant, link),
    ctx.storage.sumRefundedCents(tenant.id, link.id),
    ctx.storage.listPaymentEvents(tenant.id, link.id),
    ctx.storage.listJobs({ tenantId: tenant.id, subjectId: link.id, limit: 500 }),
  ]);
  let schedule: Instalment[] | null = null;
  let scheduleError: string | null = null;
  if (link.almaPaymentId) {
    try {
      const alma = await ctx.almaFor(tenant.id, { ...ALMA_INTERACTIVE, mode: link.almaMode });
      const payment = await alma.payments.fetch(link.almaPaymentId);
      schedule = payment.payment_plan.map(instalmentRow);
    } catch (error) {
      scheduleError = `Alma did not give the schedule: ${(error as Error).message.slice(0, 200)}`;
      ctx.logger.warn(
        { tenantId: tenant.id, paymentLinkId: link.id, err: scheduleError },
        "schedule unavailable",
      );
    }
  } else {
    scheduleError = "no Alma payment yet";
  }
  return {
    payment: row,
    schedule,
    scheduleError,
    refunds: refunds.map(refundRow),
    refundableCents: Math.max(0, link.amountCents - refunded),
    timeline: paymentTimeline(events, jobs),
  };
}
