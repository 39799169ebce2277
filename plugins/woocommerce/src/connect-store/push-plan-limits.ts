import { type AlmaClient, formatCents, parsePlanKey } from "@alma-suite/core";
import { GATEWAY_ID } from "../store/store-settings.ts";
import type { WooClient } from "../woo/woo-client.ts";

/**
 * Gives our WordPress gateway the plan's limits at Alma (its `min_amount` / `max_amount`
 * settings), so that the classic and block checkouts only offer Alma for totals Alma can take.
 * Answers what was written, or why nothing was (a store without our gateway uses pay-by-link).
 */
export async function pushPlanLimits(
  woo: WooClient,
  alma: AlmaClient,
  planKey: string,
): Promise<{ pushed: true; min: string; max: string } | { pushed: false; reason: string }> {
  const plan = parsePlanKey(planKey);
  if (!plan) return { pushed: false, reason: `unknown plan ${planKey}` };
  const found = (await alma.merchant.feePlans({ only: "all" })).find(
    (p) =>
      p.kind === plan.kind &&
      p.installments_count === plan.installmentsCount &&
      p.deferred_days === plan.deferredDays &&
      p.deferred_months === plan.deferredMonths,
  );
  if (!found?.allowed) return { pushed: false, reason: `plan ${planKey} is not enabled at Alma` };
  const min = formatCents(found.min_purchase_amount);
  const max = formatCents(found.max_purchase_amount);
  const written = await woo.updateGatewaySettings(GATEWAY_ID, { min_amount: min, max_amount: max });
  return written
    ? { pushed: true, min, max }
    : { pushed: false, reason: "the WordPress gateway is not installed" };
}
