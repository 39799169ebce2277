import type { AlmaClient } from "../alma/alma-client.ts";
import { AlmaInvalidRequestError } from "../alma/errors.ts";
import type { AlmaCallOptions, PluginLogger } from "../platform/plugin-deps.ts";
import type { PaymentLink, Refund } from "../storage/records.ts";
import type { Storage, StorageTransaction } from "../storage/storage.ts";
import { isPosLink } from "./payment-channel.ts";
import { platformCallJob } from "./platform-call.ts";
import { refundOnce } from "./refund-once.ts";
import type { DashboardRefundPayload } from "./request-dashboard-refund.ts";
import { settleRefundState } from "./settle-refund-state.ts";

/**
 * The durable half of a dashboard refund: ask Alma (our refund id is the `merchant_reference`, which
 * is also how the client finds a refund whose answer was lost, so a re-run never refunds twice),
 * mark it succeeded, then let the platform hear about it through a platform call in the same
 * transaction. Alma saying no (400) is final: the refund is marked failed and frees its amount.
 * A throw (Alma unreachable) makes the worker retry.
 */
export async function runDashboardRefund(
  deps: {
    storage: Storage;
    almaFor: (tenantId: string, call?: AlmaCallOptions) => Promise<AlmaClient>;
    logger: PluginLogger;
  },
  payload: DashboardRefundPayload,
  /** The job's `renewLease`: a worker that lost the job sends nothing to Alma. */
  fence?: () => Promise<boolean>,
): Promise<void> {
  const { storage } = deps;
  const refund = await storage.getRefund(payload.tenantId, payload.refundId);
  const link = await storage.getPaymentLink(payload.tenantId, payload.paymentLinkId);
  if (!refund || !link || refund.state !== "pending" || !link.almaPaymentId) return;
  // Refunded in the Alma account the payment was made in, whatever the tenant's mode now.
  const alma = await deps.almaFor(payload.tenantId, { mode: link.almaMode });
  let almaRefundId: string;
  try {
    // Looked up at Alma first and fenced by the job's lease, so a stalled worker never refunds twice.
    const made = await refundOnce(alma, {
      almaPaymentId: link.almaPaymentId,
      amountCents: refund.amountCents,
      merchantReference: refund.id,
      comment: "Refunded from the alma-suite dashboard",
      ...(fence ? { fence } : {}),
    });
    almaRefundId = made.refund.id;
  } catch (error) {
    if (!(error instanceof AlmaInvalidRequestError)) throw error;
    deps.logger.warn(
      { tenantId: payload.tenantId, refundId: refund.id, err: error.message },
      "Alma refused the refund",
    );
    await storage.transaction(async (tx) => {
      if (!(await tx.transitionRefund(payload.tenantId, refund.id, ["pending"], "failed"))) return;
      await event(tx, link, "refund.failed", { refundId: refund.id, reason: error.message });
    });
    return;
  }
  await storage.transaction(async (tx) => {
    const won = await tx.transitionRefund(payload.tenantId, refund.id, ["pending"], "succeeded", {
      almaRefundId,
    });
    if (!won) return;
    await settleRefundState(tx, link);
    await event(tx, link, "refund.succeeded", {
      refundId: refund.id,
      almaRefundId,
      amountCents: refund.amountCents,
    });
    if (!isPosLink(link)) await tellPlatform(tx, link, refund, almaRefundId);
  });
}

function tellPlatform(tx: StorageTransaction, link: PaymentLink, refund: Refund, almaRefundId: string) {
  return platformCallJob.enqueue(tx, {
    key: `platform:recordRefund:${refund.id}`,
    payload: {
      tenantId: link.tenantId,
      paymentLinkId: link.id,
      action: "recordRefund",
      input: {
        tenantId: link.tenantId,
        orderRef: link.platformOrderRef,
        idempotencyKey: `refund:${refund.id}`,
        almaRefundId,
        amountCents: refund.amountCents,
      },
    },
  });
}

function event(tx: StorageTransaction, link: PaymentLink, type: string, data: Record<string, unknown>) {
  return tx.appendPaymentEvent({ tenantId: link.tenantId, paymentLinkId: link.id, type, data });
}
