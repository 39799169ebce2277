import { type Instalment as AlmaInstalment, parsePlanKey } from "@alma-suite/core";
import type {
  Instalment,
  JobRow,
  OutboxMessage as OutboxRow,
  PaymentRow,
  RefundRow,
} from "@alma-suite/core/dashboard-api";
import { isPosLink } from "@alma-suite/core/flows";
import type { Job, OutboxMessage, PaymentLink, Refund } from "@alma-suite/core/storage";

/** The dashboard API's rows (core's dashboard-api schemas), built in one place so every route answers the same way. */
export function paymentRow(
  link: PaymentLink,
  refunds: readonly Refund[],
  platform: { platformOrderUrl: string | null; refundElsewhere: string | null },
): PaymentRow {
  return {
    id: link.id,
    platformOrderRef: link.platformOrderRef,
    almaPaymentId: link.almaPaymentId,
    amountCents: link.amountCents,
    refundedCents: refunds.filter((r) => r.state === "succeeded").reduce((sum, r) => sum + r.amountCents, 0),
    currency: link.currency,
    state: link.state,
    planKey: link.planKey,
    installmentsCount: link.planKey ? (parsePlanKey(link.planKey)?.installmentsCount ?? null) : null,
    channel: isPosLink(link) ? ("pos" as const) : ("online" as const),
    createdAt: link.createdAt,
    updatedAt: link.updatedAt,
    /** The Alma environment the payment lives in, whatever the tenant's mode now. */
    almaMode: link.almaMode,
    /** When the payment watch next asks Alma about it (null: final, or no longer watched). */
    nextCheckAt: link.nextCheckAt,
    checkAttempts: link.checkAttempts,
    platformOrderUrl: platform.platformOrderUrl,
    refundElsewhere: platform.refundElsewhere,
  };
}

/** Alma's `payment_plan` entry in cents and epoch ms; Alma's dates are Unix seconds. */
export function instalmentRow(instalment: AlmaInstalment): Instalment {
  const fee = instalment.customer_fee;
  return {
    dueDate: instalment.due_date * 1000,
    amountCents: instalment.purchase_amount,
    customerFeeCents: fee,
    totalCents: instalment.total_amount ?? instalment.purchase_amount + fee + instalment.customer_interest,
    state: instalment.state,
    paidAt: instalment.date_paid ? instalment.date_paid * 1000 : null,
  };
}

export function refundRow(refund: Refund): RefundRow {
  return {
    id: refund.id,
    amountCents: refund.amountCents,
    state: refund.state,
    origin: refund.origin,
    platformRefundRef: refund.platformRefundRef,
    createdAt: refund.createdAt,
  };
}

/** `orderRefs`: the order reference of each payment the jobs work on, when the caller looked them up. */
export function jobRow(job: Job, orderRefs?: ReadonlyMap<string, string>): JobRow {
  const orderRef = job.subjectId ? (orderRefs?.get(job.subjectId) ?? null) : null;
  return {
    id: job.id,
    type: job.type,
    state: job.state,
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    lastError: job.lastError,
    runAt: job.runAt,
    updatedAt: job.updatedAt,
    /** The payment the job works on (null for tenant-wide jobs, or a subject that is not a payment). */
    paymentId: orderRef === null ? null : job.subjectId,
    orderRef,
  };
}

export function outboxRow(message: OutboxMessage): OutboxRow {
  return {
    id: message.id,
    channel: message.channel,
    to: message.recipient,
    subject: message.subject,
    body: message.body,
    transport: message.transport,
    paymentId: message.paymentLinkId,
    at: message.createdAt,
  };
}
