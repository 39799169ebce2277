export { type ConfirmOutcome, confirmPayment } from "./confirm-payment.ts";
export { coreJobHandlers } from "./core-job-handlers.ts";
export {
  CONFIRM_PAYMENT_JOB,
  type ConfirmPaymentPayload,
  FLAG_FRAUD_JOB,
  type FlagFraudPayload,
  PLATFORM_CALL_JOB,
  type PlatformAction,
  type PlatformCallPayload,
} from "./platform-call.ts";
