import { createTranslator } from "@alma-suite/core/i18n";
import {
  formatBasisPoints,
  formatMoney,
  formatTypedAmount,
  tryParseAmountToCents,
} from "@alma-suite/core/money";
import { ADMIN_CATALOGUES } from "../i18n/admin-catalogues.ts";
import type { PlanOption, PlanSetting } from "./settings-types.ts";

/** A plan row as the merchant edits it: amounts as typed, in euros. */
export interface PlanDraft {
  key: string;
  enabled: boolean;
  min: string;
  max: string;
}

/**
 * One row per plan Alma allows, prefilled from saved settings or from Alma's limits (off), the
 * amounts written as the merchant would type them in `language` ("50,00" in French).
 */
export function draftsFrom(
  options: readonly PlanOption[],
  saved: readonly PlanSetting[],
  language = "en",
): PlanDraft[] {
  return options.map((option) => {
    const current = saved.find((p) => p.key === option.key);
    return {
      key: option.key,
      enabled: current?.enabled ?? false,
      min: formatTypedAmount(current?.minCents ?? option.almaMinCents, language),
      max: formatTypedAmount(current?.maxCents ?? option.almaMaxCents, language),
    };
  });
}

export type DraftCheck = { ok: true; plans: PlanSetting[] } | { ok: false; errors: Record<string, string> };

/**
 * The same rules as the server: amounts within Alma's window, min ≤ max, at least one plan on.
 * Errors are in `language`.
 */
export function checkDrafts(
  drafts: readonly PlanDraft[],
  options: readonly PlanOption[],
  language = "en",
): DraftCheck {
  const { t } = createTranslator(ADMIN_CATALOGUES, language);
  const errors: Record<string, string> = {};
  const plans: PlanSetting[] = [];
  for (const draft of drafts) {
    const option = options.find((o) => o.key === draft.key);
    if (!option) continue;
    const minCents = typedCents(draft.min);
    const maxCents = typedCents(draft.max);
    if (minCents === null || maxCents === null) {
      errors[draft.key] = t("settings.errors.amounts");
    } else if (minCents < option.almaMinCents || maxCents > option.almaMaxCents) {
      errors[draft.key] = t("settings.errors.window", {
        min: formatMoney(option.almaMinCents, language),
        max: formatMoney(option.almaMaxCents, language),
      });
    } else if (minCents > maxCents) {
      errors[draft.key] = t("settings.errors.minAboveMax");
    } else {
      plans.push({ key: draft.key, enabled: draft.enabled, minCents, maxCents });
    }
  }
  if (Object.keys(errors).length === 0 && !plans.some((p) => p.enabled))
    errors["*"] = t("settings.errors.nonePicked");
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, plans };
}

/** "2,90 %" / "2.90%" from basis points (core's formatter), for the fee columns. */
export function formatBps(bps: number | null, language: string): string {
  return bps === null ? "–" : formatBasisPoints(bps, language);
}

/** What the merchant typed ("1 234,50", "50 €") in cents, or null: core's one parser for typed amounts. */
function typedCents(text: string): number | null {
  const parsed = tryParseAmountToCents(text, { typed: true });
  return parsed.ok ? parsed.cents : null;
}
