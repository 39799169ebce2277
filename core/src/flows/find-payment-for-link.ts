import type { AlmaClient } from "../alma/alma-client.ts";
import { AlmaApiError, AlmaConnectionError, AlmaError } from "../alma/errors.ts";
import type { Payment } from "../alma/schemas/payment.ts";

/**
 * The Alma payment an earlier attempt created for our payment link, if any. Alma has no
 * idempotency key for payment creation, so after an attempt whose outcome is unknown (a lost
 * answer, a crash between Alma's answer and our save) the payment is found by the
 * `custom_data.payment_link_id` every plugin sets. Alma lists newest first, so the walk stops at
 * payments older than the attempt (with a minute of clock skew).
 */
export async function findPaymentForLink(
  alma: AlmaClient,
  linkId: string,
  attemptedAtMs: number,
): Promise<Payment | undefined> {
  const since = Math.floor(attemptedAtMs / 1000) - 60;
  for await (const payment of alma.payments.listAll({ limit: 100 })) {
    const custom = payment.custom_data as { payment_link_id?: unknown } | null;
    if (custom?.payment_link_id === linkId) return payment;
    if (payment.created !== undefined && payment.created < since) return undefined;
  }
  return undefined;
}

/**
 * Whether a failed creation may still have created the payment at Alma (the request was sent and
 * no answer proves otherwise). Only then is a later attempt worth a look at Alma first.
 */
export function mayHaveCreated(error: unknown): boolean {
  if (error instanceof AlmaConnectionError) return error.mayHaveReachedAlma;
  if (error instanceof AlmaApiError) return (error.status ?? 500) >= 500;
  return !(error instanceof AlmaError);
}
