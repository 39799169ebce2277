import type { PaymentLink, Tenant } from "@alma-suite/core/storage";
import type { DashboardContext } from "./dashboard-context.ts";
import { paymentRow } from "./dashboard-views.ts";

/** A payment as the list and detail show it, with its refunds and the order's page on the platform. */
export async function rowOf(ctx: DashboardContext, tenant: Tenant, link: PaymentLink) {
  const refunds = await ctx.storage.listRefunds(tenant.id, link.id);
  const orderUrl = ctx.pluginFor(tenant.platform)?.orderUrl?.(tenant, link) ?? null;
  return { row: paymentRow(link, refunds, orderUrl), refunds };
}
