import type { AlmaClient } from "../alma/alma-client.ts";
import type { Payment } from "../alma/schemas/payment.ts";
import type { Refund } from "../alma/schemas/refund.ts";

export interface RefundOnceInput {
  almaPaymentId: string;
  /** Undefined asks Alma for a full refund (customer fees included). */
  amountCents?: number;
  /** Our refund's unique reference; Alma keeps it on the refund, which is how we find it again. */
  merchantReference: string;
  comment?: string;
  /**
   * Called right before the POST; false means another worker now owns this refund (the job's lease
   * was taken over), so nothing is sent. Pass the job's `renewLease`.
   */
  fence?: () => Promise<boolean>;
}

export type RefundOnceResult = { payment: Payment; refund: Refund; alreadyMade: boolean };

/** This worker lost the right to make the refund; the worker that took it over finishes the job. */
export class RefundFenceLostError extends Error {
  constructor(reference: string) {
    super(`refund ${reference}: another worker took the job over, nothing sent to Alma`);
    this.name = "RefundFenceLostError";
  }
}

/**
 * Makes the Alma refund carrying `merchantReference` exist once. Alma has no idempotency key, so
 * three things together keep a refund single:
 * 1. the payment's `refunds[]` is read first: our reference there means an earlier attempt (a crash,
 *    a lost answer) went through, and it is only recorded;
 * 2. the fence (the job's lease, renewed and checked by attempt number) is taken right before the
 *    POST: a worker that stalled past its lease while another took the job sends nothing;
 * 3. the client looks a lost answer up by the same reference before resending.
 * While the request runs the worker's heartbeat keeps the lease; what is left is a process frozen
 * mid-request for longer than a whole lease (60 s by default).
 * Throws AlmaError subclasses as the client does; the caller decides which are final.
 */
export async function refundOnce(alma: AlmaClient, input: RefundOnceInput): Promise<RefundOnceResult> {
  const before = await alma.payments.fetch(input.almaPaymentId);
  const existing = findRefund(before, input.merchantReference);
  if (existing) return { payment: before, refund: existing, alreadyMade: true };
  if (input.fence && !(await input.fence())) throw new RefundFenceLostError(input.merchantReference);
  const payment = await alma.payments.refund(input.almaPaymentId, {
    ...(input.amountCents === undefined ? {} : { amount: input.amountCents }),
    merchantReference: input.merchantReference,
    ...(input.comment === undefined ? {} : { comment: input.comment }),
  });
  const made = findRefund(payment, input.merchantReference);
  if (!made) throw new Error(`Alma accepted refund ${input.merchantReference} but does not list it`);
  return { payment, refund: made, alreadyMade: false };
}

function findRefund(payment: Payment, reference: string): Refund | undefined {
  return payment.refunds.find((r) => r.merchant_reference === reference);
}
