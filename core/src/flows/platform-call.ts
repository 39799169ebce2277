import { z } from "zod";
import { jobType } from "../jobs/job-type.ts";
import type { PlatformAdapter, PlatformOutcome } from "../platform/platform-adapter.ts";
import { ALMA_MODES } from "../storage/records.ts";

/** Job type of a call to a tenant's platform adapter, run by the server's worker. */
export const PLATFORM_CALL_JOB = "platform:call";

export type PlatformAction = keyof PlatformAdapter;

const orderRef = z.object({ tenantId: z.string(), orderRef: z.string(), idempotencyKey: z.string() });
const cents = z.number().int();
const callOn = { tenantId: z.string(), paymentLinkId: z.string() };

/**
 * What a `platform:call` job carries: one adapter call, its action and input typed together, so a
 * stored row names a call the adapter has (checked before it runs) rather than any method name.
 */
export const platformCallPayload = z.discriminatedUnion("action", [
  z.object({
    ...callOn,
    action: z.literal("markOrderPaid"),
    input: orderRef.extend({
      almaPaymentId: z.string(),
      amountCents: cents,
      authorizedOnly: z.boolean().optional(),
    }),
  }),
  z.object({
    ...callOn,
    action: z.literal("markOrderPending"),
    input: orderRef.extend({ almaPaymentId: z.string() }),
  }),
  z.object({
    ...callOn,
    action: z.literal("failOrder"),
    input: orderRef.extend({
      almaPaymentId: z.string().optional(),
      reason: z.enum(["amount_mismatch", "state_error", "refused", "risk", "expired"]),
      message: z.string(),
    }),
  }),
  z.object({
    ...callOn,
    action: z.literal("releaseOrder"),
    input: orderRef.extend({ reason: z.enum(["customer_cancelled", "expired"]) }),
  }),
  z.object({
    ...callOn,
    action: z.literal("recordRefund"),
    input: orderRef.extend({ almaRefundId: z.string(), amountCents: cents }),
  }),
]);
export type PlatformCallPayload = z.infer<typeof platformCallPayload>;
/** One adapter call without the link it is filed under. */
export type PlatformCall = PlatformCallPayload extends infer P
  ? P extends PlatformCallPayload
    ? Omit<P, "tenantId" | "paymentLinkId">
    : never
  : never;
export const platformCallJob = jobType(PLATFORM_CALL_JOB, platformCallPayload);

/** Calls the adapter method the payload names, with its input: each action spelt out. */
export function callPlatform(adapter: PlatformAdapter, call: PlatformCall): Promise<PlatformOutcome> {
  switch (call.action) {
    case "markOrderPaid":
      return adapter.markOrderPaid(call.input);
    case "markOrderPending":
      return adapter.markOrderPending(call.input);
    case "failOrder":
      return adapter.failOrder(call.input);
    case "releaseOrder":
      return adapter.releaseOrder(call.input);
    case "recordRefund":
      return adapter.recordRefund(call.input);
  }
}

const almaMode = z.enum(ALMA_MODES);

/** Job type asking Alma to flag a payment as potential fraud (an amount mismatch). */
export const FLAG_FRAUD_JOB = "alma:flag-fraud";
export const flagFraudJob = jobType(
  FLAG_FRAUD_JOB,
  z.object({
    tenantId: z.string(),
    almaPaymentId: z.string(),
    reason: z.string(),
    /** The payment's Alma mode (absent in jobs queued before links kept it: the tenant's mode). */
    almaMode: almaMode.optional(),
  }),
);
export type FlagFraudPayload = z.infer<typeof flagFraudJob.payload>;

/** Job type processing an Alma notification (IPN) for a tenant. */
export const CONFIRM_PAYMENT_JOB = "alma:confirm";
export const confirmPaymentJob = jobType(
  CONFIRM_PAYMENT_JOB,
  z.object({
    tenantId: z.string(),
    almaPaymentId: z.string(),
    /** Our link, when known at enqueue: files the job under its payment. */
    paymentLinkId: z.string().optional(),
    /** The payment's Alma mode (absent in jobs queued before links kept it: looked up). */
    almaMode: almaMode.optional(),
  }),
);
export type ConfirmPaymentPayload = z.infer<typeof confirmPaymentJob.payload>;
