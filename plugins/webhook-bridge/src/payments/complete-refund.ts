import {
  AlmaAuthenticationError,
  type AlmaClient,
  type AlmaError,
  AlmaInputValidationError,
  AlmaInvalidRequestError,
  AlmaNotFoundError,
} from "@alma-suite/core";
import { type RefundOnceInput, refundOnce, settleRefundState } from "@alma-suite/core/flows";
import type { PaymentLink, Refund } from "@alma-suite/core/storage";
import { lockOrder } from "../adapter/bridge-order-store.ts";
import { recordBridgeRefund } from "../adapter/record-refund.ts";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { appendMerchantLog } from "../merchants/merchant-log.ts";

type Ctx = Pick<BridgeContext, "storage" | "almaFor" | "now" | "logger">;

/** Whole inline refund call, retries included; far below REFUND_CHECK_DELAY_MS. */
const INLINE_REFUND_BUDGET = { budgetMs: 10_000 };

export type RefundExecution =
  | { kind: "succeeded" }
  | { kind: "failed"; error: AlmaError }
  /** Alma's answer is unknown (unreachable, 5xx): the refund job finishes it later. */
  | { kind: "pending"; error: unknown };

/**
 * Makes the refund once at Alma (refundOnce: looked up by merchant_reference first, fenced by the
 * job's lease, a lost answer recovered by the same reference), then records it: refund succeeded, payment partially/fully refunded,
 * `payment.refunded` published, in one transaction. Alma refusing is final: the refund fails and
 * the merchant log says why.
 */
export async function executeRefund(
  ctx: Ctx,
  input: {
    link: PaymentLink;
    refund: Refund;
    full: boolean;
    comment?: string;
    /** The refund job's `renewLease`; the inline call has none (its budget ends long before the job runs). */
    fence?: () => Promise<boolean>;
  },
): Promise<RefundExecution> {
  const { link, refund } = input;
  let almaRefundId: string;
  try {
    // Inline, the agency waits and the safety-net job starts REFUND_CHECK_DELAY_MS later: a bounded
    // call can never still be sending when the job looks at Alma.
    const alma = await ctx.almaFor(link.tenantId, {
      ...(input.fence ? {} : INLINE_REFUND_BUDGET),
      mode: link.almaMode,
    });
    const request = {
      almaPaymentId: link.almaPaymentId ?? "",
      ...(input.full ? {} : { amountCents: refund.amountCents }),
      merchantReference: refund.platformRefundRef,
      ...(input.comment === undefined ? {} : { comment: input.comment }),
    };
    // The job looks at Alma first and holds its lease; the inline call has just created the refund
    // row, so nothing can carry its reference yet and it asks at once.
    const made = input.fence
      ? await refundOnce(alma, { ...request, fence: input.fence })
      : await refundDirectly(alma, request);
    almaRefundId = made.refund.id;
  } catch (error) {
    const final =
      error instanceof AlmaInvalidRequestError ||
      error instanceof AlmaInputValidationError ||
      error instanceof AlmaNotFoundError ||
      error instanceof AlmaAuthenticationError;
    if (!final) return { kind: "pending", error };
    await failRefund(ctx, refund, error);
    return { kind: "failed", error };
  }
  await completeRefund(ctx, { link, refund, almaRefundId });
  return { kind: "succeeded" };
}

export async function completeRefund(
  ctx: Pick<Ctx, "storage" | "now">,
  input: { link: PaymentLink; refund: Refund; almaRefundId: string },
) {
  const { link, refund } = input;
  await ctx.storage.transaction(async (tx) => {
    const won = await tx.transitionRefund(link.tenantId, refund.id, ["pending"], "succeeded", {
      almaRefundId: input.almaRefundId,
    });
    if (!won) return;
    await settleRefundState(tx, link);
    const order = await lockOrder(dbOf(tx), link.tenantId, link.id, ctx.now());
    if (!order) throw new Error(`payment ${link.id} has no bridge order`);
    const outcome = await recordBridgeRefund(tx, {
      link,
      order,
      almaRefundId: input.almaRefundId,
      amountCents: refund.amountCents,
      reference: refund.platformRefundRef,
      refundId: refund.id,
      now: ctx.now(),
    });
    if (outcome.status === "rejected")
      throw new Error(`refund ${refund.id} could not be recorded: ${outcome.detail}`);
  });
}

async function failRefund(ctx: Ctx, refund: Refund, error: AlmaError): Promise<void> {
  await ctx.storage.transaction(async (tx) => {
    if (!(await tx.transitionRefund(refund.tenantId, refund.id, ["pending"], "failed"))) return;
    await appendMerchantLog(dbOf(tx), {
      tenantId: refund.tenantId,
      level: "error",
      code: "refund.refused",
      message: `Alma refused refund ${refund.platformRefundRef} of ${refund.amountCents} cents: ${error.message}`,
      data: { refund_id: refund.id, payment_id: refund.paymentLinkId },
      now: ctx.now(),
    });
  });
  ctx.logger.warn(
    { tenantId: refund.tenantId, refundId: refund.id, err: error.message },
    "Alma refused a refund",
  );
}

async function refundDirectly(alma: AlmaClient, input: RefundOnceInput) {
  const payment = await alma.payments.refund(input.almaPaymentId, {
    amount: input.amountCents,
    merchantReference: input.merchantReference,
    comment: input.comment,
  });
  const refund = payment.refunds.find((r) => r.merchant_reference === input.merchantReference);
  // Not listed yet: left pending, the refund job finds it by reference later.
  if (!refund) throw new Error("Alma's answer does not list the refund yet");
  return { refund };
}
