/**
 * What every platform plugin implements so that
 * core's flows can move a platform order along. Shaped after Medusa's payment providers:
 * few methods, one input object each, every call carrying an idempotency key, and a
 * normalised outcome returned as a value. Expected situations (an unknown order, a refund
 * above what was paid) are outcomes, not exceptions; a throw means "retry me later" and is
 * what the durable job runner acts on.
 */
export interface OrderRef {
  tenantId: string;
  /** The platform's own order or session reference (a payment session id, an order id…). */
  orderRef: string;
  /** Same key ⇒ same effect once, however many times the call is repeated. */
  idempotencyKey: string;
}

export type PlatformOutcome =
  | {
      status: "paid" | "failed" | "cancelled" | "pending" | "refunded";
      alreadyDone: boolean;
      detail?: string;
    }
  | { status: "not_supported"; detail: string }
  | { status: "rejected"; reason: "unknown_order" | "refund_exceeds_paid" | "invalid_state"; detail: string };

export type FailureReason = "amount_mismatch" | "state_error" | "refused" | "risk" | "expired";

export interface PlatformAdapter {
  /**
   * The customer's payment was accepted by Alma: mark the platform order paid, once.
   * `authorizedOnly` is set for payment upon trigger: Alma authorised the payment but charges
   * nothing until the merchant triggers it; the same method is called again without the flag
   * (another idempotency key) once the trigger has charged the first instalment.
   */
  markOrderPaid(
    input: OrderRef & { almaPaymentId: string; amountCents: number; authorizedOnly?: boolean },
  ): Promise<PlatformOutcome>;
  /** Alma has not decided yet (scored_maybe): tell the platform to wait. */
  markOrderPending(input: OrderRef & { almaPaymentId: string }): Promise<PlatformOutcome>;
  /** The payment was refused or did not match the order: fail it with a reason. */
  failOrder(
    input: OrderRef & { almaPaymentId?: string; reason: FailureReason; message: string },
  ): Promise<PlatformOutcome>;
  /** The customer gave up or the payment expired: release the order (stock, coupons). */
  releaseOrder(input: OrderRef & { reason: "customer_cancelled" | "expired" }): Promise<PlatformOutcome>;
  /** A refund happened at Alma (dashboard or our own call): record it on the platform order. */
  recordRefund(input: OrderRef & { almaRefundId: string; amountCents: number }): Promise<PlatformOutcome>;
}
