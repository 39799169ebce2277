/**
 * The records storage keeps. Money is integer cents; every timestamp is epoch milliseconds (a number),
 * chosen because job scheduling compares them and both SQLite and PostgreSQL order integers the same way.
 */

/**
 * The name of the plugin serving a tenant. Core never lists them: the server's registered plugins
 * do, and the database keeps whatever name a plugin gave its tenants.
 */
export type Platform = string;

export const ALMA_MODES = ["live", "test"] as const;
export type AlmaMode = (typeof ALMA_MODES)[number];

export type TenantStatus = "active" | "uninstalled";

export type JsonObject = Record<string, unknown>;

export interface Tenant {
  id: string;
  platform: Platform;
  /** Shop domain, store URL or agency merchant reference; unique per platform. */
  externalId: string;
  name: string;
  almaMode: AlmaMode;
  settings: JsonObject;
  status: TenantStatus;
  createdAt: number;
  updatedAt: number;
}

export interface NewTenant {
  platform: Platform;
  externalId: string;
  name: string;
  almaMode?: AlmaMode;
  settings?: JsonObject;
}

export interface TenantPatch {
  name?: string;
  almaMode?: AlmaMode;
  settings?: JsonObject;
  status?: TenantStatus;
}

/** Well-known secret names; any other name is allowed too. */
export type SecretName = "alma_live_key" | "alma_test_key" | "webhook_secret" | (string & {});

/** A secret's metadata, never its value. */
export interface SecretInfo {
  name: string;
  createdAt: number;
  updatedAt: number;
  /** When the value was last replaced; null if never rotated. */
  rotatedAt: number | null;
}

/**
 * Our states of a payment, in the order a list shows them. The database accepts any string so
 * new states need no migration.
 */
export const PAYMENT_STATES = [
  "pending",
  "authorized",
  "paid",
  "partially_refunded",
  "refunded",
  "refused",
  "cancelled",
  "expired",
  "fraud_suspected",
] as const;
export type PaymentState = (typeof PAYMENT_STATES)[number];

/** States in which Alma may still change its verdict: the payment watch checks these links. */
export const OPEN_PAYMENT_STATES: readonly PaymentState[] = ["pending", "authorized"];

export interface PaymentLink {
  id: string;
  tenantId: string;
  /** The platform's own reference: a payment session id, an order id, an agency's order reference. */
  platformOrderRef: string;
  almaPaymentId: string | null;
  amountCents: number;
  currency: string;
  state: PaymentState;
  /** e.g. `general_3_0_0`. */
  planKey: string | null;
  custom: JsonObject;
  /** The Alma environment (and so the key) the payment was created in, whatever the tenant's mode now. */
  almaMode: AlmaMode;
  /** When the payment watch next asks Alma about this link; null once the link is final. */
  nextCheckAt: number | null;
  /** How many times the payment watch has asked Alma about it. */
  checkAttempts: number;
  createdAt: number;
  updatedAt: number;
}

export interface NewPaymentLink {
  tenantId: string;
  platformOrderRef: string;
  amountCents: number;
  currency: string;
  planKey?: string | null;
  almaPaymentId?: string | null;
  custom?: JsonObject;
  state?: PaymentState;
  /** Defaults to the tenant's mode at creation. */
  almaMode?: AlmaMode;
}

/** Fields that may change without a state transition (or together with one). */
export interface PaymentPatch {
  almaPaymentId?: string | null;
  planKey?: string | null;
  custom?: JsonObject;
  /** Only together with a new `almaPaymentId`: the environment that payment was created in. */
  almaMode?: AlmaMode;
}

export interface PaymentListQuery {
  states?: readonly PaymentState[];
  /** Only links last updated strictly before this time (reconciliation of stale payments). */
  updatedBefore?: number;
  /** Keyset cursor: only links older than this one in the (created_at, id) order of the list. */
  before?: { createdAt: number; id: string };
  /** Only the link with this platform order reference or this Alma payment id. */
  reference?: string;
  /** Only links whose `custom.channel` is this (`"pos"`: the PoS links' reconciliation). */
  channel?: string;
  limit?: number;
}

export type RefundState = "pending" | "succeeded" | "failed";
export type RefundOrigin = "platform" | "alma";

export interface Refund {
  id: string;
  tenantId: string;
  paymentLinkId: string;
  /** The platform's refund id; unique per tenant, and Alma's `merchant_reference`. */
  platformRefundRef: string;
  almaRefundId: string | null;
  amountCents: number;
  state: RefundState;
  origin: RefundOrigin;
  createdAt: number;
  updatedAt: number;
}

export interface NewRefund {
  tenantId: string;
  paymentLinkId: string;
  platformRefundRef: string;
  amountCents: number;
  origin: RefundOrigin;
  almaRefundId?: string | null;
  state?: RefundState;
}

export interface RefundPatch {
  almaRefundId?: string | null;
}

/**
 * Creating a refund is idempotent by `platformRefundRef` and refuses to exceed the payment amount
 * (pending + succeeded refunds); both are expected outcomes, so they are values.
 */
export type CreateRefundResult =
  | { outcome: "created" | "existing"; refund: Refund }
  | { outcome: "exceeds_refundable"; refundableCents: number }
  | { outcome: "unknown_payment" };

export interface PaymentEvent {
  id: number;
  tenantId: string;
  paymentLinkId: string;
  type: string;
  data: JsonObject;
  at: number;
}

export interface NewPaymentEvent {
  tenantId: string;
  paymentLinkId: string;
  type: string;
  data?: JsonObject;
}

export type OutboxChannel = "email" | "sms";

/**
 * A message the suite sent (or, without an SMTP server, kept for the merchant to copy) on a
 * tenant's behalf, e.g. a payment link for a phone sale. `transport` says how it left.
 */
export interface OutboxMessage {
  id: string;
  tenantId: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  body: string;
  /** `smtp`, `alma_sms`, or `outbox` when it was only kept here. */
  transport: string;
  paymentLinkId: string | null;
  createdAt: number;
}

/** Who a GDPR request is about: e-mails match without case, phones by their digits. */
export interface CustomerContact {
  email?: string;
  phone?: string;
}

export interface OutboxQuery {
  limit?: number;
  /** Only the messages sent to this customer and not yet redacted. */
  to?: CustomerContact;
}

export type NewOutboxMessage = Omit<OutboxMessage, "id" | "createdAt" | "paymentLinkId"> & {
  paymentLinkId?: string | null;
};
