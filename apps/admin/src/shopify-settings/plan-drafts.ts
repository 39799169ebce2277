import { formatCents, formatMoney, tryParseAmountToCents } from "@alma-suite/core/money";
import type { PlanOption, PlanSetting } from "./settings-types.ts";

/** A plan row as the merchant edits it: amounts as typed, in euros. */
export interface PlanDraft {
  key: string;
  enabled: boolean;
  min: string;
  max: string;
}

/** One row per plan Alma allows, prefilled from saved settings or from Alma's limits (off). */
export function draftsFrom(options: readonly PlanOption[], saved: readonly PlanSetting[]): PlanDraft[] {
  return options.map((option) => {
    const current = saved.find((p) => p.key === option.key);
    return {
      key: option.key,
      enabled: current?.enabled ?? false,
      min: formatCents(current?.minCents ?? option.almaMinCents),
      max: formatCents(current?.maxCents ?? option.almaMaxCents),
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
    const minCents = typedCents(draft.min);
    const maxCents = typedCents(draft.max);
    if (minCents === null || maxCents === null) {
      errors[draft.key] = "Enter amounts in euros, e.g. 50 or 1999.99";
    } else if (minCents < option.almaMinCents || maxCents > option.almaMaxCents) {
      errors[draft.key] =
        `Alma allows ${formatMoney(option.almaMinCents, "en")} to ${formatMoney(option.almaMaxCents, "en")} for this plan`;
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

/** What the merchant typed ("1 234,50", "50 €") in cents, or null: core's one parser for typed amounts. */
function typedCents(text: string): number | null {
  const parsed = tryParseAmountToCents(text, { typed: true });
  return parsed.ok ? parsed.cents : null;
}
