import type { AlmaClient } from "../alma/alma-client.ts";
import type { Payment } from "../alma/schemas/payment.ts";
import type { PaymentLink } from "../storage/records.ts";
import type { StorageTransaction } from "../storage/storage.ts";
import { isPosLink } from "./payment-channel.ts";
import { flagFraudJob, type PlatformCall, platformCallJob } from "./platform-call.ts";

export type ConfirmOutcome =
  | { status: "paid"; alreadyDone: boolean; link: PaymentLink; payment: Payment }
  | { status: "authorized"; alreadyDone: boolean; link: PaymentLink; payment: Payment }
  | { status: "pending"; link: PaymentLink; payment: Payment }
  | {
      status: "failed";
      reason: "amount_mismatch" | "refused";
      alreadyDone: boolean;
      link: PaymentLink;
      payment: Payment;
    }
  | {
      status: "released";
      reason: "expired" | "cancelled";
      alreadyDone: boolean;
      link: PaymentLink;
      payment: Payment;
    }
  | { status: "not_decided"; link: PaymentLink; payment: Payment }
  | { status: "unknown_payment"; payment: Payment };

const OPEN: PaymentLink["state"][] = ["pending", "authorized"];

/**
 * The confirmation every plugin shares (none has its own), for an IPN or a customer's return:
 * fetch the payment from Alma (the notification itself is never trusted), find our link,
 * check the amount and the state, then move the link with a compare-and-set and, in the same
 * transaction, enqueue the platform call. However many IPNs and returns race, one wins the
 * transition and the platform hears about it exactly once, durably.
 */
export async function confirmPayment(
  deps: { storage: StorageTransaction; alma: AlmaClient },
  input: { tenantId: string; almaPaymentId: string; source: "ipn" | "return" | "reconciliation" | "watch" },
): Promise<ConfirmOutcome> {
  const payment = await deps.alma.payments.fetch(input.almaPaymentId);
  const link = await deps.storage.findPaymentByAlmaId(input.tenantId, payment.id);
  if (!link) return { status: "unknown_payment", payment };

  const move = async (
    to: PaymentLink["state"],
    from: readonly PaymentLink["state"][],
    call: PlatformCall,
    event: string,
    extraJob?: (tx: StorageTransaction) => Promise<unknown>,
  ): Promise<boolean> =>
    deps.storage.transaction(async (tx) => {
      // Only while the link still holds this payment: a retry may have replaced a refused or
      // expired one, and the old payment's verdict must not land on the new.
      const won = await tx.transitionPayment(
        input.tenantId,
        link.id,
        from,
        to,
        {},
        { almaPaymentId: payment.id },
      );
      if (!won) return false;
      // A PoS link has no platform order to move: its state and event log are the whole record.
      if (!isPosLink(link)) {
        await platformCallJob.enqueue(tx, {
          // Per Alma payment: a retry's new payment on the same order is a new verdict to pass on.
          key: `platform:${call.action}:${to}:${link.id}:${payment.id}`,
          payload: { tenantId: input.tenantId, paymentLinkId: link.id, ...call },
        });
      }
      await extraJob?.(tx);
      await tx.appendPaymentEvent({
        tenantId: input.tenantId,
        paymentLinkId: link.id,
        type: event,
        data: { almaPaymentId: payment.id, almaState: payment.state, source: input.source },
      });
      return true;
    });

  const ref = { tenantId: input.tenantId, orderRef: link.platformOrderRef };
  if (payment.purchase_amount !== link.amountCents) {
    const message = `Alma payment is ${payment.purchase_amount} cents, the order is ${link.amountCents}`;
    const won = await move(
      "fraud_suspected",
      OPEN,
      {
        action: "failOrder",
        input: {
          ...ref,
          idempotencyKey: `fail:${link.id}:${payment.id}`,
          almaPaymentId: payment.id,
          reason: "amount_mismatch",
          message,
        },
      },
      "payment.amount_mismatch",
      (tx) =>
        flagFraudJob.enqueue(tx, {
          key: `alma:flag-fraud:${payment.id}`,
          payload: {
            tenantId: input.tenantId,
            almaPaymentId: payment.id,
            reason: "amount_mismatch",
            almaMode: link.almaMode,
          },
        }),
    );
    return { status: "failed", reason: "amount_mismatch", alreadyDone: !won, link, payment };
  }

  // Payment upon trigger, accepted and authorised but not charged until the merchant triggers it.
  // Alma does not say which state such a payment has before the trigger (`scored_yes` in our
  // fixtures; Alma's own e-commerce plugins expect `in_progress`): the trigger fields decide.
  const awaitingTrigger =
    payment.deferred_trigger === true &&
    (payment.deferred_trigger_applied ?? null) === null &&
    (payment.state === "scored_yes" || payment.state === "in_progress");
  const verdict = awaitingTrigger ? "awaiting_trigger" : payment.state;

  switch (verdict) {
    case "in_progress":
    case "paid": {
      const won = await move(
        "paid",
        OPEN,
        {
          action: "markOrderPaid",
          input: {
            ...ref,
            idempotencyKey: `paid:${link.id}`,
            almaPaymentId: payment.id,
            amountCents: link.amountCents,
          },
        },
        "payment.accepted",
      );
      return { status: "paid", alreadyDone: !won, link, payment };
    }
    case "scored_yes":
      // Accepted without a trigger to wait for: Alma has not charged it yet, so it is not paid.
      return { status: "not_decided", link, payment };
    case "awaiting_trigger": {
      // The platform treats the order as authorised; once triggered, the payment's charge moves
      // authorized → paid through the case above.
      const won = await move(
        "authorized",
        ["pending"],
        {
          action: "markOrderPaid",
          input: {
            ...ref,
            idempotencyKey: `authorized:${link.id}`,
            almaPaymentId: payment.id,
            amountCents: link.amountCents,
            authorizedOnly: true,
          },
        },
        "payment.authorized",
      );
      return { status: "authorized", alreadyDone: !won, link, payment };
    }
    case "scored_maybe": {
      // No transition: the payment is still open. The key makes the platform hear it once.
      if (isPosLink(link)) return { status: "pending", link, payment };
      await platformCallJob.enqueue(deps.storage, {
        key: `platform:markOrderPending:${link.id}:${payment.id}`,
        payload: {
          tenantId: input.tenantId,
          paymentLinkId: link.id,
          action: "markOrderPending",
          input: { ...ref, idempotencyKey: `pending:${link.id}:${payment.id}`, almaPaymentId: payment.id },
        },
      });
      return { status: "pending", link, payment };
    }
    case "scored_no": {
      const won = await move(
        "refused",
        ["pending"],
        {
          action: "failOrder",
          input: {
            ...ref,
            idempotencyKey: `fail:${link.id}:${payment.id}`,
            almaPaymentId: payment.id,
            reason: "refused",
            message: "Alma refused the payment",
          },
        },
        "payment.refused",
      );
      return { status: "failed", reason: "refused", alreadyDone: !won, link, payment };
    }
    case "stopped": {
      // Cancelled at Alma (by the buyer, or by us on the platform's request) before being paid.
      const won = await move(
        "cancelled",
        OPEN,
        {
          action: "releaseOrder",
          input: { ...ref, idempotencyKey: `release:${link.id}:${payment.id}`, reason: "customer_cancelled" },
        },
        "payment.cancelled",
      );
      return { status: "released", reason: "cancelled", alreadyDone: !won, link, payment };
    }
    default: {
      if (payment.expired_at !== null && payment.expired_at !== undefined) {
        const won = await move(
          "expired",
          ["pending"],
          {
            action: "releaseOrder",
            input: { ...ref, idempotencyKey: `release:${link.id}:${payment.id}`, reason: "expired" },
          },
          "payment.expired",
        );
        return { status: "released", reason: "expired", alreadyDone: !won, link, payment };
      }
      return { status: "not_decided", link, payment };
    }
  }
}
