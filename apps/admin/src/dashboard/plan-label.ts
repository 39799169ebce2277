import { parsePlanKey } from "@alma-suite/core/plans";
import type { TFunction } from "i18next";

/** "general_3_0_0" → "3 instalments"; deferred plans read "Pay later (30 days)". */
export function planLabel(planKey: string | null, installmentsCount: number | null, t: TFunction): string {
  const plan = planKey ? parsePlanKey(planKey) : undefined;
  if (plan && plan.installmentsCount === 1 && plan.deferredDays > 0)
    return t("plan.laterDays", { count: plan.deferredDays });
  if (plan && plan.installmentsCount === 1 && plan.deferredMonths > 0)
    return t("plan.laterMonths", { count: plan.deferredMonths });
  if (installmentsCount === null) return t("plan.notChosen");
  return t("plan.instalments", { count: installmentsCount });
}
