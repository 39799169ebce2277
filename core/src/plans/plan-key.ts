import { CORE_CATALOGUES } from "../i18n/core-catalogues.ts";
import { createTranslator } from "../i18n/create-translator.ts";
/**
 * Alma names a fee plan `<kind>_<installments>_<deferred_days>_<deferred_months>`,
 * e.g. `general_3_0_0` (3 instalments) or `general_1_30_0` (pay in 30 days).
 * A `-` stands for a part Alma left null.
 */
export type PlanKind = "general" | "pos";

export interface PlanIdentity {
  kind: PlanKind;
  installmentsCount: number;
  deferredDays: number;
  deferredMonths: number;
}

export type PlanCategory = "pay_now" | "pay_later" | "pnx" | "credit";

const KEY = /^(general|pos)[_:](\d+|-)[_:](\d+|-)[_:](\d+|-)$/;

export function parsePlanKey(key: string): PlanIdentity | undefined {
  const match = KEY.exec(key);
  if (!match) return undefined;
  const [, kind, count, days, months] = match;
  const num = (part: string | undefined) => (part === undefined || part === "-" ? 0 : Number(part));
  const identity: PlanIdentity = {
    kind: kind as PlanKind,
    installmentsCount: num(count),
    deferredDays: num(days),
    deferredMonths: num(months),
  };
  return identity.installmentsCount >= 1 && identity.installmentsCount <= 12 ? identity : undefined;
}

export function formatPlanKey(plan: {
  kind?: string;
  installmentsCount?: number | null;
  deferredDays?: number | null;
  deferredMonths?: number | null;
}): string {
  const part = (n: number | null | undefined) => (n === null || n === undefined ? "-" : String(n));
  return `${plan.kind ?? "general"}_${part(plan.installmentsCount)}_${part(plan.deferredDays)}_${part(plan.deferredMonths)}`;
}

/** Alma's own grouping of plans, which merchants see as separate checkout options. */
export function classifyPlan(plan: PlanIdentity): PlanCategory {
  const deferred = plan.deferredDays > 0 || plan.deferredMonths > 0;
  if (plan.installmentsCount === 1) return deferred ? "pay_later" : "pay_now";
  return plan.installmentsCount <= 4 ? "pnx" : "credit";
}

/** "Payer en 3 fois" / "Pay in 3 instalments", "Payer dans 30 jours", … for pages shown to customers. */
export function describePlan(plan: PlanIdentity, locale?: string | null): string {
  const { t } = createTranslator(CORE_CATALOGUES, locale);
  switch (classifyPlan(plan)) {
    case "pay_now":
      return t("plan.payNow");
    case "pay_later":
      return plan.deferredMonths > 0
        ? t("plan.laterMonths", { count: plan.deferredMonths })
        : t("plan.laterDays", { count: plan.deferredDays });
    default:
      return t("plan.instalments", { count: plan.installmentsCount });
  }
}

/** The name shoppers know a plan by: "3x", "10x", "Payer dans 30 jours", "Payer maintenant". */
export function planShortName(plan: PlanIdentity, locale?: string | null): string {
  const category = classifyPlan(plan);
  if (category === "pnx" || category === "credit")
    return createTranslator(CORE_CATALOGUES, locale).t("plan.short", { count: plan.installmentsCount });
  return describePlan(plan, locale);
}
