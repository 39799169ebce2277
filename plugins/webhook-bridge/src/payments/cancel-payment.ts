import { AlmaInvalidRequestError } from "@alma-suite/core";
import { confirmPayment } from "@alma-suite/core/flows";
import type { Tenant } from "@alma-suite/core/storage";
import { ensureOrder, getOrder, lockOrder } from "../adapter/bridge-order-store.ts";
import { releaseBridgeOrder } from "../adapter/release-order.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { almaProblem } from "../http/alma-problem.ts";
import { type OpResult, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import { merchantRefOf } from "../merchants/find-merchant.ts";
import { paymentView } from "./payment-view.ts";

type Ctx = Pick<BridgeContext, "storage" | "almaFor" | "now" | "logger">;

const CANCELLABLE = ["pending", "authorized"] as const;

/**
 * Cancels a checkout the customer has not paid (or a payment upon trigger not yet triggered).
 * Alma cancels first, so the hosted page can no longer take money for an order we called
 * cancelled; then the payment and the order move and `payment.cancelled` goes out, atomically.
 */
export async function cancelPayment(ctx: Ctx, merchant: Tenant, paymentId: string): Promise<OpResult> {
  const link = await ctx.storage.getPaymentLink(merchant.id, paymentId);
  if (!link) return problem("payment_not_found", `no payment ${paymentId}`, { field: "paymentId" });
  if (!CANCELLABLE.some((state) => state === link.state)) {
    const hint = link.state === "paid" || link.state === "partially_refunded" ? "; refund it instead" : "";
    return problem("invalid_state", `payment ${link.id} is ${link.state}${hint}`);
  }
  if (link.almaPaymentId) {
    const alma = await ctx.almaFor(merchant.id, { mode: link.almaMode });
    try {
      await alma.payments.cancel(link.almaPaymentId);
    } catch (error) {
      if (!(error instanceof AlmaInvalidRequestError)) return almaProblem(error);
      // Alma refuses once the customer has paid: catch up with what happened instead.
      await confirmPayment(
        { storage: ctx.storage, alma },
        { tenantId: merchant.id, almaPaymentId: link.almaPaymentId, source: "reconciliation" },
      ).catch(() => undefined);
      return problem("invalid_state", `Alma could not cancel the payment: ${error.message}`);
    }
  }
  await ctx.storage.transaction(async (tx) => {
    if (!(await tx.transitionPayment(merchant.id, link.id, CANCELLABLE, "cancelled"))) return;
    await ensureOrder(dbOf(tx), {
      tenantId: merchant.id,
      paymentLinkId: link.id,
      amountCents: link.amountCents,
      now: ctx.now(),
    });
    const order = await lockOrder(dbOf(tx), merchant.id, link.id, ctx.now());
    if (!order) throw new Error(`bridge order of ${link.id} vanished`);
    await tx.appendPaymentEvent({
      tenantId: merchant.id,
      paymentLinkId: link.id,
      type: "payment.cancelled",
      data: { source: "bridge_api" },
    });
    await releaseBridgeOrder(tx, { link, order, reason: "merchant_cancelled", now: ctx.now() });
  });
  ctx.logger.info({ tenantId: merchant.id, paymentLinkId: link.id }, "bridge payment cancelled");
  const [current, order] = await Promise.all([
    ctx.storage.getPaymentLink(merchant.id, link.id),
    getOrder(dbOf(ctx.storage), merchant.id, link.id),
  ]);
  return ok(200, paymentView(current ?? link, merchantRefOf(merchant), order));
}
