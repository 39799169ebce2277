const dateTime = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
const dateOnly = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium" });

/** "27 Nov 2026, 10:15" from epoch ms; "–" when there is none. */
export function formatTime(epochMs: number | null): string {
  return epochMs === null ? "–" : dateTime.format(epochMs);
}

export function formatDate(epochMs: number): string {
  return dateOnly.format(epochMs);
}

/** "general_3_0_0" → "3 instalments"; deferred plans read "Pay later (30 days)". */
export function planLabel(planKey: string | null, installmentsCount: number | null): string {
  const match = /^general_(\d+)_(\d+)_(\d+)$/.exec(planKey ?? "");
  if (match && match[1] === "1" && (match[2] !== "0" || match[3] !== "0"))
    return match[2] !== "0" ? `Pay later (${match[2]} days)` : `Pay later (${match[3]} months)`;
  if (installmentsCount === null) return "Not chosen yet";
  return installmentsCount === 1 ? "1 payment" : `${installmentsCount} instalments`;
}
