import type { Refund, Tenant } from "@alma-suite/core/storage";
import { newId } from "@alma-suite/core/storage";
import { bridgeAdapter } from "../adapter/bridge-adapter.ts";
import { getOrder } from "../adapter/bridge-order-store.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { almaProblem } from "../http/alma-problem.ts";
import { type OpResult, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import { merchantRefOf } from "../merchants/find-merchant.ts";
import { executeRefund } from "./complete-refund.ts";
import { paymentView } from "./payment-view.ts";
import { REFUND_JOB, refundJobType } from "./refund-job.ts";
import { refundView } from "./refund-view.ts";

type Ctx = Pick<BridgeContext, "storage" | "almaFor" | "now" | "logger">;

/**
 * Our payment states in which Alma takes a refund: it accepted the payment (`in_progress` or
 * `paid` at Alma, both `paid` here) and money is left or was partly given back.
 */
const REFUNDABLE_PAYMENT = ["paid", "partially_refunded", "refunded"];
const PAID_ORDER = ["paid", "refunded"];

/** Leaves Alma's client time to finish (timeouts and retries included) before the job looks. */
export const REFUND_CHECK_DELAY_MS = 5 * 60_000;

/**
 * Partial (an amount) or full (`"full"`, asked for explicitly) refund. Idempotent by `reference` (and by Idempotency-Key): the
 * refund row is written first, with a durable job that finishes it if Alma's answer is lost or
 * this process dies; then Alma is asked at once so the usual answer is the final one.
 */
export async function refundPayment(
  ctx: Ctx,
  merchant: Tenant,
  input: { paymentId: string; amount: number | "full"; reference?: string; comment?: string },
): Promise<OpResult> {
  const link = await ctx.storage.getPaymentLink(merchant.id, input.paymentId);
  if (!link) return problem("payment_not_found", `no payment ${input.paymentId}`, { field: "paymentId" });
  // A retried reference gets its refund back before any check of what is left, which that very
  // refund may have used up.
  if (input.reference !== undefined) {
    const earlier = await ctx.storage.findRefundByPlatformRef(merchant.id, input.reference);
    if (earlier) return sameRefundOrConflict(ctx, merchant, link.id, earlier, centsOf(input.amount));
  }
  if (!link.almaPaymentId || !REFUNDABLE_PAYMENT.includes(link.state)) {
    return problem(
      "invalid_state",
      `payment ${link.id} is ${link.state}; only payments Alma accepted can be refunded`,
    );
  }
  // Right after the customer's return the payment is paid but its order only moves when the
  // queued platform call runs (a second or so later). Move it now, with the same compare-and-set
  // that call makes (it then finds the work done), so the agency hears payment.accepted before
  // payment.refunded and the refund is counted on a paid order.
  const order = await getOrder(dbOf(ctx.storage), merchant.id, link.id);
  if (!order || !PAID_ORDER.includes(order.status)) {
    const moved = await bridgeAdapter(ctx).markOrderPaid({
      tenantId: merchant.id,
      orderRef: link.platformOrderRef,
      idempotencyKey: `paid:${link.id}`,
      almaPaymentId: link.almaPaymentId,
      amountCents: link.amountCents,
    });
    if (moved.status !== "paid")
      return problem(
        "invalid_state",
        `payment ${link.id}'s order cannot be marked paid: ${moved.detail ?? ""}`,
      );
  }
  const refunded = await ctx.storage.sumRefundedCents(merchant.id, link.id);
  const remaining = link.amountCents - refunded;
  const amount = input.amount === "full" ? remaining : input.amount;
  if (amount <= 0 || amount > remaining) {
    return problem("refund_exceeds_refundable", `${amount} cents asked, ${remaining} cents left to refund`, {
      field: "amount",
      extra: { refundable_amount: remaining },
    });
  }
  // "full" before any refund: Alma is asked with no amount and refunds everything, customer fees included.
  const full = input.amount === "full" && refunded === 0;
  const reference = input.reference ?? newId("rf");
  const created = await ctx.storage.transaction(async (tx) => {
    const result = await tx.createRefund({
      tenantId: merchant.id,
      paymentLinkId: link.id,
      platformRefundRef: reference,
      amountCents: amount,
      origin: "platform",
    });
    if (result.outcome === "created") {
      await refundJobType.enqueue(tx, {
        key: `${REFUND_JOB}:${result.refund.id}`,
        payload: {
          tenantId: merchant.id,
          refundId: result.refund.id,
          full,
          comment: input.comment,
        },
        runAt: ctx.now() + REFUND_CHECK_DELAY_MS,
      });
    }
    return result;
  });
  if (created.outcome === "exceeds_refundable") {
    return problem("refund_exceeds_refundable", `${created.refundableCents} cents left to refund`, {
      field: "amount",
      extra: { refundable_amount: created.refundableCents },
    });
  }
  if (created.outcome === "unknown_payment")
    return problem("payment_not_found", `no payment ${input.paymentId}`);
  if (created.outcome === "existing")
    return sameRefundOrConflict(ctx, merchant, link.id, created.refund, amount);
  const execution = await executeRefund(ctx, { link, refund: created.refund, full, comment: input.comment });
  if (execution.kind === "failed") return almaProblem(execution.error);
  if (execution.kind === "pending") {
    ctx.logger.warn(
      { tenantId: merchant.id, refundId: created.refund.id, err: String(execution.error) },
      "refund left pending",
    );
  }
  return answer(ctx, merchant, link.id, created.refund.id, execution.kind === "pending" ? 202 : 201);
}

/** A reference already used: the same refund asked again (200), or another refund's reference (422). */
function sameRefundOrConflict(
  ctx: Ctx,
  merchant: Tenant,
  linkId: string,
  earlier: Refund,
  amount: number | undefined,
): Promise<OpResult> | OpResult {
  if (earlier.paymentLinkId !== linkId || (amount !== undefined && earlier.amountCents !== amount)) {
    return problem("validation_error", `reference ${earlier.platformRefundRef} is already another refund`, {
      field: "reference",
    });
  }
  return answer(ctx, merchant, linkId, earlier.id, 200);
}

async function answer(
  ctx: Ctx,
  merchant: Tenant,
  linkId: string,
  refundId: string,
  status: number,
): Promise<OpResult> {
  const [link, refund, order] = await Promise.all([
    ctx.storage.getPaymentLink(merchant.id, linkId),
    ctx.storage.getRefund(merchant.id, refundId),
    getOrder(dbOf(ctx.storage), merchant.id, linkId),
  ]);
  if (!link || !refund) throw new Error(`refund ${refundId} vanished`);
  return ok(status, {
    refund: refundView(refund),
    payment: paymentView(link, merchantRefOf(merchant), order),
  });
}

/** The cents asked for, when given as a number (a "full" refund's amount is what is left). */
function centsOf(amount: number | "full"): number | undefined {
  return amount === "full" ? undefined : amount;
}
