export { type ConfirmOutcome, confirmPayment } from "./confirm-payment.ts";
export { coreJobHandlers } from "./core-job-handlers.ts";
export {
  createPosPaymentLink,
  type EmailSender,
  type PosCustomer,
  type PosLinkInput,
  type PosLinkOutcome,
} from "./create-pos-payment-link.ts";
export { findOurRefund } from "./find-our-refund.ts";
export { findPaymentForLink, mayHaveCreated } from "./find-payment-for-link.ts";
export { forgetPosCustomer } from "./forget-pos-customer.ts";
export { maskEmail, maskPhone } from "./mask-contact.ts";
export { isPosLink } from "./payment-channel.ts";
export {
  CHECK_CLAIM_MS,
  CHECK_PAYMENT_JOB,
  type CheckPaymentPayload,
  checkPayment,
  checkPaymentJob,
  enqueueDuePaymentChecks,
  type PaymentCheckReport,
  paymentWatchJobs,
} from "./payment-watch.ts";
export {
  CONFIRM_PAYMENT_JOB,
  type ConfirmPaymentPayload,
  callPlatform,
  confirmPaymentJob,
  FLAG_FRAUD_JOB,
  type FlagFraudPayload,
  flagFraudJob,
  PLATFORM_CALL_JOB,
  type PlatformAction,
  type PlatformCall,
  type PlatformCallPayload,
  platformCallJob,
  platformCallPayload,
} from "./platform-call.ts";
export {
  RefundFenceLostError,
  type RefundOnceInput,
  type RefundOnceResult,
  refundOnce,
} from "./refund-once.ts";
export {
  DASHBOARD_REFUND_JOB,
  type DashboardRefundPayload,
  type DashboardRefundRequest,
  dashboardRefundJob,
  isDashboardRefundReference,
  requestDashboardRefund,
} from "./request-dashboard-refund.ts";
export { runDashboardRefund } from "./run-dashboard-refund.ts";
export { settleRefundState } from "./settle-refund-state.ts";
