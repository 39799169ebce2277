import type { PlatformAdapter } from "../platform/platform-adapter.ts";
import type { AlmaMode } from "../storage/records.ts";

/** Job type of a call to a tenant's platform adapter, run by the server's worker. */
export const PLATFORM_CALL_JOB = "platform:call";

export type PlatformAction = keyof PlatformAdapter;

/** What a `platform:call` job carries: which adapter method to call, with which input. */
export interface PlatformCallPayload {
  tenantId: string;
  paymentLinkId: string;
  action: PlatformAction;
  input: Record<string, unknown>;
}

/** Job type asking Alma to flag a payment as potential fraud (an amount mismatch). */
export const FLAG_FRAUD_JOB = "alma:flag-fraud";
export interface FlagFraudPayload {
  tenantId: string;
  almaPaymentId: string;
  reason: string;
  /** The payment's Alma mode (absent in jobs queued before links kept it: the tenant's mode). */
  almaMode?: AlmaMode;
}

/** Job type processing an Alma notification (IPN) for a tenant. */
export const CONFIRM_PAYMENT_JOB = "alma:confirm";
export interface ConfirmPaymentPayload {
  tenantId: string;
  almaPaymentId: string;
  /** Our link, when known at enqueue: files the job under its payment. */
  paymentLinkId?: string;
  /** The payment's Alma mode (absent in jobs queued before links kept it: looked up). */
  almaMode?: AlmaMode;
}
