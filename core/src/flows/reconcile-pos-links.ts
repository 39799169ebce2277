import type { AlmaClient } from "../alma/alma-client.ts";
import type { PluginLogger } from "../platform/plugin-deps.ts";
import type { PaymentLink } from "../storage/records.ts";
import type { Storage } from "../storage/storage.ts";
import { confirmPayment } from "./confirm-payment.ts";

export const OPEN_POS_STATES: readonly PaymentLink["state"][] = ["pending", "authorized"];
const PAGE = 100;
/** Per pass and tenant; the rest waits for the next pass rather than holding a worker for long. */
const MAX_PER_PASS = 1_000;

export interface PosReconcileReport {
  checked: number;
  /** Links this pass moved (paid, authorized, refused, expired…); the rest were already right. */
  moved: number;
  failed: number;
}

/**
 * A PoS link whose notification from Alma was lost (our server down, Alma's retries exhausted) would
 * stay pending forever: it has no platform order whose own sync would catch it. This asks Alma
 * about every open PoS link of the tenant not updated since `staleBefore` and applies the answer
 * through confirmPayment, the same compare-and-set as an IPN, so a late IPN racing it changes
 * nothing twice. Expired payments are released by the same call. One link failing (Alma down) is
 * logged and counted; the others still go through.
 */
export async function reconcilePosLinks(
  deps: { storage: Storage; alma: AlmaClient; logger: PluginLogger },
  input: { tenantId: string; staleBefore: number },
): Promise<PosReconcileReport> {
  const report: PosReconcileReport = { checked: 0, moved: 0, failed: 0 };
  let before: { createdAt: number; id: string } | undefined;
  while (report.checked < MAX_PER_PASS) {
    const page = await deps.storage.listPaymentLinks(input.tenantId, {
      channel: "pos",
      states: OPEN_POS_STATES,
      updatedBefore: input.staleBefore,
      before,
      limit: PAGE,
    });
    for (const link of page) {
      if (!link.almaPaymentId) continue;
      report.checked += 1;
      try {
        const outcome = await confirmPayment(deps, {
          tenantId: input.tenantId,
          almaPaymentId: link.almaPaymentId,
          source: "reconciliation",
        });
        if ("alreadyDone" in outcome && !outcome.alreadyDone) report.moved += 1;
      } catch (error) {
        report.failed += 1;
        deps.logger.warn(
          { tenantId: input.tenantId, paymentLinkId: link.id, err: String(error) },
          "PoS link reconciliation failed",
        );
      }
    }
    const last = page.at(-1);
    if (page.length < PAGE || !last) break;
    before = { createdAt: last.createdAt, id: last.id };
  }
  return report;
}
