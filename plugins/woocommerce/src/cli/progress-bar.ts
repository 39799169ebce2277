import type { ReconcileProgress } from "../reconcile/reconcile-store.ts";

/** One line such as `[######------------------]  3/12 pages · 300 orders · 2 repairs`. */
export function renderProgress(progress: ReconcileProgress, width = 24): string {
  const total = Math.max(progress.totalPages, progress.page, 1);
  const done = Math.round((Math.min(progress.page, total) / total) * width);
  const bar = `${"#".repeat(done)}${"-".repeat(width - done)}`;
  const repairs = `${progress.repairs} repair${progress.repairs === 1 ? "" : "s"}`;
  return `[${bar}] ${String(progress.page).padStart(String(total).length)}/${total} pages · ${progress.ordersSeen} orders · ${repairs}`;
}
