export type { CardBehaviour, TestCard } from "./checkout/test-cards.ts";
export { TEST_CARDS } from "./checkout/test-cards.ts";
export type { SandboxClock } from "./clock/sandbox-clock.ts";
export { createSandbox, DEFAULT_IPN_DELAYS_MS, type Sandbox, type SandboxOptions } from "./create-sandbox.ts";
export type { IpnAttempt, IpnDelivery, IpnReason } from "./ipn/ipn-delivery.ts";
export type { IpnOutbox } from "./ipn/ipn-outbox.ts";
export { DEFAULT_LIMITS, demoFeePlans } from "./merchants/demo-fee-plans.ts";
export type { AmountLimits, FeePlan } from "./merchants/fee-plan.ts";
export type { MerchantMode, MerchantRecord } from "./merchants/merchant-record.ts";
export {
  type IssuedEnvironment,
  type MerchantSpec,
  MerchantSpecError,
  type ProvisionedAccount,
} from "./merchants/provision-merchant.ts";
export type { AlmaPayment } from "./payments/alma-payment.ts";
export { type SandboxServer, type SandboxServerOptions, startSandboxServer } from "./start-sandbox-server.ts";
export type { SandboxStore } from "./store/sandbox-store.ts";
