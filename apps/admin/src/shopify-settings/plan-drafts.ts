import type { PlanOption, PlanSetting } from "./settings-types.ts";

/** A plan row as the merchant edits it: amounts as typed, in euros. */
export interface PlanDraft {
  key: string;
  enabled: boolean;
  min: string;
  max: string;
}

/** "1 234,50" or "1234.5" → 123450 cents; null when it is not an amount. Never goes through floats. */
export function eurosToCents(text: string): number | null {
  const clean = text.replace(/[\s\u00a0\u202f€]/g, "").replace(",", ".");
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(clean);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? "").padEnd(2, "0"));
}

export function centsToEuros(cents: number): string {
  const whole = Math.floor(cents / 100);
  const rest = cents % 100;
  return rest === 0 ? String(whole) : `${whole}.${String(rest).padStart(2, "0")}`;
}

/** One row per plan Alma allows, prefilled from saved settings or from Alma's limits (off). */
export function draftsFrom(options: readonly PlanOption[], saved: readonly PlanSetting[]): PlanDraft[] {
  return options.map((option) => {
    const current = saved.find((p) => p.key === option.key);
    return {
      key: option.key,
      enabled: current?.enabled ?? false,
      min: centsToEuros(current?.minCents ?? option.almaMinCents),
      max: centsToEuros(current?.maxCents ?? option.almaMaxCents),
    };
  });
}

export type DraftCheck = { ok: true; plans: PlanSetting[] } | { ok: false; errors: Record<string, string> };

/** The same rules as the server: amounts within Alma's window, min ≤ max, at least one plan on. */
export function checkDrafts(drafts: readonly PlanDraft[], options: readonly PlanOption[]): DraftCheck {
  const errors: Record<string, string> = {};
  const plans: PlanSetting[] = [];
  for (const draft of drafts) {
    const option = options.find((o) => o.key === draft.key);
    if (!option) continue;
    const minCents = eurosToCents(draft.min);
    const maxCents = eurosToCents(draft.max);
    if (minCents === null || maxCents === null) {
      errors[draft.key] = "Enter amounts in euros, e.g. 50 or 1999.99";
    } else if (minCents < option.almaMinCents || maxCents > option.almaMaxCents) {
      errors[draft.key] =
        `Alma allows ${centsToEuros(option.almaMinCents)} € to ${centsToEuros(option.almaMaxCents)} € for this plan`;
    } else if (minCents > maxCents) {
      errors[draft.key] = "The minimum must not exceed the maximum";
    } else {
      plans.push({ key: draft.key, enabled: draft.enabled, minCents, maxCents });
    }
  }
  if (Object.keys(errors).length === 0 && !plans.some((p) => p.enabled))
    errors["*"] = "Enable at least one plan";
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, plans };
}

/** "2.90 %" from basis points, for the fee columns. */
export function formatBps(bps: number | null): string {
  return bps === null ? "–" : `${(bps / 100).toFixed(2)} %`;
}
