import type { PaymentLink, Tenant } from "@alma-suite/core/storage";
import type { DashboardContext } from "./dashboard-context.ts";
import { paymentRow } from "./dashboard-views.ts";

/**
 * A payment as the list and detail show it, with its refunds, the order's page on the platform
 * and, where the platform wants them there, where its refunds start.
 */
export async function rowOf(ctx: DashboardContext, tenant: Tenant, link: PaymentLink) {
  const refunds = await ctx.storage.listRefunds(tenant.id, link.id);
  const plugin = ctx.pluginFor(tenant.platform);
  const row = paymentRow(link, refunds, {
    platformOrderUrl: plugin?.orderUrl?.(tenant, link) ?? null,
    refundElsewhere: plugin?.refundElsewhere?.(tenant, link) ?? null,
  });
  return { row, refunds };
}
