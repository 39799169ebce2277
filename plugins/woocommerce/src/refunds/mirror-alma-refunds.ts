import type { Payment, PlatformAdapter } from "@alma-suite/core";
import { findOurRefund, isDashboardRefundReference, settleRefundState } from "@alma-suite/core/flows";
import type { PaymentLink } from "@alma-suite/core/storage";
import type { WooDeps } from "../store/woo-deps.ts";

/**
 * Refunds made at Alma (from its dashboard) that WooCommerce does not know, recorded on the order
 * with `api_refund: false`. Alma's refund amount includes the customer's fees on a full refund, so
 * each refund counts, oldest first, only up to the purchase amount not yet refunded.
 */
export async function mirrorAlmaRefunds(
  deps: WooDeps,
  adapter: PlatformAdapter,
  link: PaymentLink,
  payment: Payment,
): Promise<string[]> {
  const actions: string[] = [];
  const ours = await deps.storage.listRefunds(link.tenantId, link.id);
  let purchaseLeft = payment.purchase_amount;
  const refunds = [...payment.refunds].sort((a, b) => (a.created ?? 0) - (b.created ?? 0));
  for (const refund of refunds) {
    const share = Math.min(refund.amount, purchaseLeft);
    purchaseLeft -= share;
    const known = findOurRefund(ours, refund);
    if (known?.state === "succeeded") continue;
    // A dashboard refund still pending here: its job records it in WooCommerce, once.
    if (known && isDashboardRefundReference(known, refund.merchant_reference)) continue;
    if (known && known.origin === "platform") {
      // Alma made it although our record is not settled: still pending means its job is on the way
      // (WooCommerce has the refund); failed means the gateway gave up and WooCommerce deleted it.
      if (known.state === "failed") {
        await adapter.recordRefund({
          tenantId: link.tenantId,
          orderRef: link.platformOrderRef,
          idempotencyKey: `alma-refund:${refund.id}`,
          almaRefundId: refund.id,
          amountCents: known.amountCents,
        });
      }
      await deps.storage.transitionRefund(link.tenantId, known.id, ["pending", "failed"], "succeeded", {
        almaRefundId: refund.id,
      });
      actions.push(`alma_refund_confirmed:${refund.id}`);
      continue;
    }
    if (share <= 0) continue;
    const record = known
      ? { outcome: "existing" as const, refund: known }
      : await deps.storage.createRefund({
          tenantId: link.tenantId,
          paymentLinkId: link.id,
          platformRefundRef: `alma:${refund.id}`,
          amountCents: share,
          origin: "alma",
          almaRefundId: refund.id,
        });
    if (record.outcome !== "created" && record.outcome !== "existing") {
      deps.logger.warn(
        { tenantId: link.tenantId, almaRefundId: refund.id },
        "Alma refund exceeds what the order can still refund",
      );
      continue;
    }
    const outcome = await adapter.recordRefund({
      tenantId: link.tenantId,
      orderRef: link.platformOrderRef,
      idempotencyKey: `alma-refund:${refund.id}`,
      almaRefundId: refund.id,
      amountCents: record.refund.amountCents,
    });
    const to = outcome.status === "refunded" ? "succeeded" : "failed";
    // A refund WooCommerce refused once (failed) and took this time counts again.
    await deps.storage.transitionRefund(
      link.tenantId,
      record.refund.id,
      to === "succeeded" ? ["pending", "failed"] : ["pending"],
      to,
    );
    actions.push(`alma_refund_${to === "succeeded" ? "recorded" : "rejected"}:${refund.id}`);
    if (to === "failed")
      deps.logger.warn(
        { tenantId: link.tenantId, almaRefundId: refund.id, outcome },
        "could not record an Alma refund",
      );
  }
  if (actions.length > 0) await settleRefundState(deps.storage, link);
  return actions;
}
