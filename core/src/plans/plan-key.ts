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

/** "3x", "Pay in 30 days", … for pages shown to customers. */
export function describePlan(plan: PlanIdentity): string {
  switch (classifyPlan(plan)) {
    case "pay_now":
      return "Pay now";
    case "pay_later":
      return plan.deferredMonths > 0
        ? `Pay in ${plan.deferredMonths} month(s)`
        : `Pay in ${plan.deferredDays} days`;
    default:
      return `Pay in ${plan.installmentsCount} instalments`;
  }
}
