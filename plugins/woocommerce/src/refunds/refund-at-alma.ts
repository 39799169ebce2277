import { AlmaInvalidRequestError, formatMoney, type PlatformAdapter, type Refund } from "@alma-suite/core";
import { refundOnce, settleRefundState } from "@alma-suite/core/flows";
import { loadStore } from "../store/load-store.ts";
import type { WooDeps } from "../store/woo-deps.ts";

/** Each Alma call of a refund job, retries included (the gateway waits 20 s for the whole job). */
const REFUND_CALL_BUDGET_MS = 8_000;

export type RefundAtAlmaResult =
  | { status: "succeeded"; almaRefundId: string; alreadyDone: boolean }
  | { status: "failed"; message: string }
  | { status: "skipped"; message: string };

/**
 * Makes one recorded refund at Alma, with `merchant_reference` = its WooCommerce reference.
 * Alma's refunds are read first: one carrying that reference means an earlier attempt went through
 * (a crash, a lost answer), so it is only recorded; the job's lease is renewed right before sending
 * (see refundOnce), so a worker that stalled while another took the job over sends nothing. Alma refusing the refund (validation error) is
 * final and noted on the order; anything else throws so the job retries.
 */
export async function refundAtAlma(
  deps: WooDeps,
  adapter: PlatformAdapter,
  tenantId: string,
  refundId: string,
  /** The job's `renewLease`: a worker that lost the job sends nothing to Alma. */
  fence?: () => Promise<boolean>,
): Promise<RefundAtAlmaResult> {
  const refund = await deps.storage.getRefund(tenantId, refundId);
  if (!refund) return { status: "skipped", message: "unknown refund" };
  if (refund.state === "succeeded") {
    return { status: "succeeded", almaRefundId: refund.almaRefundId ?? "", alreadyDone: true };
  }
  if (refund.state === "failed") return { status: "failed", message: "refund already failed" };
  const link = await deps.storage.getPaymentLink(tenantId, refund.paymentLinkId);
  if (!link?.almaPaymentId) return { status: "skipped", message: "no Alma payment for this order" };
  // Shorter than the gateway's wait (waitForRefund), so the client's own resends of a lost POST
  // are over before the gateway gives up; a job retry then looks at Alma and at our record first.
  const alma = await deps.almaFor(tenantId, { budgetMs: REFUND_CALL_BUDGET_MS, mode: link.almaMode });
  const ref = refund.platformRefundRef;
  // Right before the POST: the job still holds its lease, and the refund is still wanted. The
  // gateway may have given up meanwhile (failed, and WooCommerce deleted its refund).
  const stillWanted = async () =>
    (fence ? await fence() : true) && (await deps.storage.getRefund(tenantId, refundId))?.state === "pending";
  let made: Refund;
  let alreadyDone: boolean;
  try {
    ({ refund: made, alreadyMade: alreadyDone } = await refundOnce(alma, {
      almaPaymentId: link.almaPaymentId,
      amountCents: refund.amountCents,
      merchantReference: ref,
      comment: `WooCommerce order ${link.platformOrderRef}, refund ${ref}`,
      fence: stillWanted,
    }));
  } catch (error) {
    if (!(error instanceof AlmaInvalidRequestError)) throw error;
    await deps.storage.transitionRefund(tenantId, refund.id, ["pending"], "failed");
    await note(
      deps,
      tenantId,
      link.platformOrderRef,
      `Alma refused the refund of ${formatMoney(refund.amountCents)}: ${error.message}`,
    );
    deps.logger.warn({ tenantId, refundId, ref, err: error.message }, "Alma refused a refund");
    return { status: "failed", message: error.message };
  }
  let moved = await deps.storage.transitionRefund(tenantId, refund.id, ["pending"], "succeeded", {
    almaRefundId: made.id,
  });
  if (!moved) {
    // The gateway call gave up waiting, so WooCommerce deleted its refund, yet Alma made it: record it back.
    const outcome = await adapter.recordRefund({
      tenantId,
      orderRef: link.platformOrderRef,
      idempotencyKey: `alma-refund:${made.id}`,
      almaRefundId: made.id,
      amountCents: refund.amountCents,
    });
    deps.logger.warn(
      { tenantId, ref, almaRefundId: made.id, outcome },
      "refund made at Alma after the gateway gave up",
    );
    moved = await deps.storage.transitionRefund(tenantId, refund.id, ["failed"], "succeeded", {
      almaRefundId: made.id,
    });
  }
  await settleRefundState(deps.storage, link);
  if (moved) {
    await note(
      deps,
      tenantId,
      link.platformOrderRef,
      `Alma: refunded ${formatMoney(refund.amountCents)} (${made.id}, reference ${ref}).`,
    );
  }
  deps.logger.info(
    { tenantId, ref, almaRefundId: made.id, amountCents: refund.amountCents },
    "refunded at Alma",
  );
  return { status: "succeeded", almaRefundId: made.id, alreadyDone };
}

async function note(deps: WooDeps, tenantId: string, orderRef: string, text: string): Promise<void> {
  const store = await loadStore(deps, tenantId);
  await store?.woo.addNote(Number(orderRef), text);
}
