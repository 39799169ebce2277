// The shapes of docs/dashboard.md, the contract between these pages and /dashboard/api.

export type Role = "operator" | "merchant";

export interface Session {
  role: Role;
  /** Set for a merchant, who only ever sees this tenant; null for the operator. */
  tenantId: string | null;
}

export interface TenantRow {
  id: string;
  platform: string;
  externalId: string;
  name: string;
  almaMode: string;
  status: string;
  createdAt: number;
}

export interface TenantHealth {
  alma: { ok: boolean; mode: string; detail: string };
  platform: { ok: boolean | null; detail: string };
  lastNotificationAt: number | null;
  jobs: { failed: number; dead: number };
}

export interface PaymentRow {
  id: string;
  platformOrderRef: string;
  almaPaymentId: string | null;
  amountCents: number;
  refundedCents: number;
  currency: string;
  state: string;
  planKey: string | null;
  /** Null while no plan is chosen yet. */
  installmentsCount: number | null;
  channel: "online" | "pos";
  createdAt: number;
  updatedAt: number;
  almaMode: "live" | "test";
  /** When the server next asks Alma about this open payment; null once it is final. */
  nextCheckAt: number | null;
  checkAttempts: number;
  platformOrderUrl: string | null;
  /** Set when refunds must start on the platform (Shopify): the sentence that says so. */
  refundElsewhere: string | null;
}

export interface Instalment {
  dueDate: number;
  amountCents: number;
  customerFeeCents: number;
  totalCents: number;
  state: "paid" | "pending" | "incident" | "claimed" | "covered";
  paidAt: number | null;
}

export interface RefundRow {
  id: string;
  amountCents: number;
  state: "pending" | "succeeded" | "failed";
  origin: string;
  platformRefundRef: string | null;
  createdAt: number;
}

export interface TimelineEntry {
  at: number;
  kind: "event" | "job" | "notification";
  type: string;
  detail: string;
  state?: string;
  /** The facts behind `detail` (an event's data; a job's attempts and last error), for sentences. */
  data?: Record<string, unknown>;
}

export interface PaymentDetail {
  payment: PaymentRow;
  schedule: Instalment[] | null;
  scheduleError: string | null;
  refunds: RefundRow[];
  refundableCents: number;
  timeline: TimelineEntry[];
}

export const JOB_STATES = ["pending", "running", "failed", "done", "dead"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface JobRow {
  id: string;
  type: string;
  state: JobState;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: number;
  updatedAt: number;
  /** The payment the job works on, and its order reference; null for tenant-wide jobs. */
  paymentId?: string | null;
  orderRef?: string | null;
}

export interface JobList {
  counts: Record<JobState, number>;
  jobs: JobRow[];
}

export interface DeliveryRow {
  id: string;
  messageId: string;
  eventType: string;
  endpointUrl: string;
  status: "pending" | "delivered" | "failed" | "exhausted";
  attempts: number;
  lastStatusCode: number | null;
  lastAttemptAt: number | null;
  nextAttemptAt: number | null;
}

export interface PaymentLinkInput {
  amountCents: number;
  reference: string;
  installmentsCount: number;
  customer: { email?: string; phone?: string; firstName?: string; lastName?: string };
}

export interface PaymentLinkResult {
  payment: PaymentRow;
  url: string;
  sent: { channel: "sms" | "email"; to: string };
}

export interface OutboxMessage {
  id: string;
  channel: string;
  to: string;
  subject: string | null;
  body: string;
  at: number;
}

/** The payment states of core's storage, in the order the filter lists them. */
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

/** States in which the server accepts a refund (core's requestDashboardRefund); others answer 409. */
export const REFUNDABLE_STATES: readonly string[] = ["paid", "partially_refunded"];
