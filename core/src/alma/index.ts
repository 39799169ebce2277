// Public API of the Alma adapter; core/src/index.ts re-exports it.
export { AlmaClient, type AlmaClientOptions } from "./alma-client.ts";
export { type AlmaMode, almaBaseUrls, modeFromApiKey } from "./api-key.ts";
export { backoffDelayMs, defaultBackoff, maxRetryAfterMs, parseRetryAfterMs } from "./backoff.ts";
export { EligibilityResource } from "./eligibility-resource.ts";
export { errorFromResponse } from "./error-from-response.ts";
export {
  AlmaApiError,
  AlmaAuthenticationError,
  AlmaConfigurationError,
  AlmaConnectionError,
  AlmaError,
  type AlmaErrorDetails,
  type AlmaFieldError,
  AlmaInputValidationError,
  AlmaInvalidRequestError,
  AlmaInvalidResponseError,
  AlmaNotFoundError,
  AlmaRateLimitError,
  AlmaSignatureVerificationError,
} from "./errors.ts";
export { assertIpnSignature, ipnKey, signIpn, verifyIpnSignature } from "./ipn-signature.ts";
export { MerchantResource } from "./merchant-resource.ts";
export { type OrderListFilter, type OrderStatusUpdate, OrdersResource } from "./orders-resource.ts";
export { PaymentsResource } from "./payments-resource.ts";
export {
  type AlmaExchange,
  type AlmaRequest,
  type HttpMethod,
  RequestSender,
  type RequestSenderOptions,
} from "./request-sender.ts";
export { type Address, addressSchema, type Customer, customerSchema } from "./schemas/address.ts";
export {
  type Eligibility,
  type EligibilityInstalment,
  type Eligible,
  eligibilityInstalmentSchema,
  eligibilityListSchema,
  eligibilitySchema,
  eligibleSchema,
  type NotEligible,
  notEligibleSchema,
} from "./schemas/eligibility.ts";
export {
  type EligibilityInput,
  type EligibilityQueryInput,
  eligibilityInputSchema,
  eligibilityQueryInputSchema,
} from "./schemas/eligibility-input.ts";
export {
  type AlmaErrorBody,
  type AlmaErrorStringBody,
  type AlmaMessageErrorBody,
  type AlmaNotFoundErrorBody,
  type AlmaRunningErrorBody,
  type AlmaValidationErrorBody,
  almaErrorBodySchema,
  almaErrorStringBodySchema,
  almaMessageErrorBodySchema,
  almaNotFoundErrorBodySchema,
  almaRunningErrorBodySchema,
  almaValidationErrorBodySchema,
} from "./schemas/error-body.ts";
export {
  type FeePlan,
  type FeePlanKind,
  feePlanKindSchema,
  feePlanListSchema,
  feePlanSchema,
} from "./schemas/fee-plan.ts";
export { type FeePlansFilter, feePlansFilterSchema } from "./schemas/fee-plans-filter.ts";
export {
  type Instalment,
  type InstalmentState,
  instalmentSchema,
  instalmentStateSchema,
  instalmentStates,
} from "./schemas/instalment.ts";
export { type Merchant, merchantSchema } from "./schemas/merchant.ts";
export {
  type Order,
  type OrderPage,
  orderListSchema,
  orderPageSchema,
  orderSchema,
} from "./schemas/order.ts";
export {
  type Payment,
  type PaymentState,
  paymentSchema,
  paymentStateSchema,
  paymentStates,
} from "./schemas/payment.ts";
export {
  type PaymentEditInput,
  type PaymentListFilter,
  paymentEditInputSchema,
  paymentListFilterSchema,
  type RefundInput,
  refundInputSchema,
} from "./schemas/payment-action-input.ts";
export {
  type AddressInput,
  addressInputSchema,
  type CartItemInput,
  type CustomerInput,
  cartItemInputSchema,
  customerInputSchema,
  type OrderInput,
  type OrderUpdateInput,
  orderInputSchema,
  orderUpdateInputSchema,
  type PaymentCreateInput,
  paymentCreateInputSchema,
  paymentFieldsInputSchema,
  type ShipmentInput,
  shipmentInputSchema,
} from "./schemas/payment-create-input.ts";
export { type PaymentList, paymentListSchema } from "./schemas/payment-list.ts";
export { type Refund, refundSchema } from "./schemas/refund.ts";
export { almaSuiteVersion, buildUserAgent, type PlatformInfo } from "./user-agent.ts";
