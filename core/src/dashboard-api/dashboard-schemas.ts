import { z } from "zod";
import { instalmentStateSchema } from "../alma/schemas/instalment.ts";
import { LANGUAGES } from "../i18n/language-of.ts";
import { JOB_STATES } from "../jobs/job.ts";
import { ALMA_MODES, PAYMENT_STATES } from "../storage/records.ts";

/**
 * The merchant dashboard's JSON API (`/dashboard/api`): every request the server reads and every
 * answer it sends, as zod schemas. The server's routes parse with them and type their answers by
 * them, the admin app imports their inferred types, and the API document is generated from them,
 * so the three cannot drift apart. Only zod and import-free modules are imported here: the admin
 * app's type check reads this file.
 */

const epochMs = z.int().describe("epoch milliseconds");
const cents = z.int().describe("integer cents");
const almaMode = z.enum(ALMA_MODES);

export const dashboardErrorSchema = z
  .looseObject({
    error: z.string(),
    field: z.string().optional(),
  })
  .describe("Any refusal (4xx): what went wrong and, for a bad input, which field");

// Session

export const roleSchema = z.enum(["operator", "merchant"]);
export const sessionSchema = z.object({
  role: roleSchema,
  /** Set for a merchant, who only ever sees this tenant; null for the operator. */
  tenantId: z.string().nullable(),
});
export const signInBodySchema = z.object({ token: z.string().min(1).max(500) });

// Tenants

export const tenantRowSchema = z.object({
  id: z.string(),
  /** The platform's name, as its plugin registered it. */
  platform: z.string(),
  externalId: z.string(),
  name: z.string(),
  almaMode,
  status: z.enum(["active", "uninstalled"]),
  createdAt: epochMs,
});
export const tenantsAnswerSchema = z.object({ tenants: z.array(tenantRowSchema) });

export const tenantHealthSchema = z.object({
  alma: z.object({ ok: z.boolean(), mode: z.string(), detail: z.string() }),
  /** `ok: null` when the platform has nothing to check. */
  platform: z.object({ ok: z.boolean().nullable(), detail: z.string() }),
  lastNotificationAt: epochMs.nullable(),
  jobs: z.object({ failed: z.int(), dead: z.int() }),
});

export const loginLinkSchema = z.object({ url: z.string(), expiresAt: epochMs });

// Payments

export const paymentRowSchema = z.object({
  id: z.string(),
  platformOrderRef: z.string(),
  almaPaymentId: z.string().nullable(),
  amountCents: cents,
  refundedCents: cents,
  currency: z.string(),
  state: z.enum(PAYMENT_STATES),
  planKey: z.string().nullable(),
  /** Null while no plan is chosen yet. */
  installmentsCount: z.int().nullable(),
  channel: z.enum(["online", "pos"]),
  createdAt: epochMs,
  updatedAt: epochMs,
  /** The Alma environment the payment lives in, whatever the tenant's mode now. */
  almaMode,
  /** When the server next asks Alma about this open payment; null once it is final. */
  nextCheckAt: epochMs.nullable(),
  checkAttempts: z.int(),
  platformOrderUrl: z.string().nullable(),
  /** Set when refunds must start on the platform (its plugin says so): the sentence that says so. */
  refundElsewhere: z.string().nullable(),
});

export const paymentsQuerySchema = z.object({
  state: z
    .string()
    .max(300)
    .transform((list) => list.split(","))
    .pipe(z.array(z.enum(PAYMENT_STATES, `state is a comma-separated list of: ${PAYMENT_STATES.join(", ")}`)))
    .optional()
    .describe(`comma-separated payment states: ${PAYMENT_STATES.join(", ")}`),
  q: z.string().trim().min(1).max(200).optional().describe("a platform order reference (or a PoS reference)"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().describe("`nextCursor` of the previous page"),
});
export const paymentsAnswerSchema = z.object({
  payments: z.array(paymentRowSchema),
  nextCursor: z.string().nullable(),
});

export const instalmentSchema = z.object({
  dueDate: epochMs,
  amountCents: cents,
  customerFeeCents: cents,
  totalCents: cents,
  /** Alma's state of the instalment: pending, paid, incident, claimed, covered, or one Alma adds later. */
  state: instalmentStateSchema.meta({ type: "string" }),
  paidAt: epochMs.nullable(),
});

export const refundRowSchema = z.object({
  id: z.string(),
  amountCents: cents,
  state: z.enum(["pending", "succeeded", "failed"]),
  origin: z.enum(["platform", "alma"]),
  platformRefundRef: z.string().nullable(),
  createdAt: epochMs,
});

export const timelineEntrySchema = z.object({
  at: epochMs,
  kind: z.enum(["event", "job", "notification"]),
  type: z.string(),
  detail: z.string(),
  state: z.string().optional(),
  /**
   * The facts behind `detail`, for pages that write them as sentences in their reader's language:
   * an event's own data; for a job or notification, its attempts and last error.
   */
  data: z.record(z.string(), z.unknown()),
});

export const paymentDetailSchema = z.object({
  payment: paymentRowSchema,
  schedule: z.array(instalmentSchema).nullable(),
  scheduleError: z.string().nullable(),
  refunds: z.array(refundRowSchema),
  refundableCents: cents,
  timeline: z.array(timelineEntrySchema),
});

export const refundBodySchema = z.object({
  amountCents: z
    .int()
    .positive()
    .max(100_000_000)
    .optional()
    .describe("integer cents; all that is left if absent"),
  idempotencyKey: z.string().min(1).max(100),
});
export const refundAnswerSchema = z.object({ refund: refundRowSchema });

// Jobs

export const jobStateSchema = z.enum(JOB_STATES);
export const jobRowSchema = z.object({
  id: z.string(),
  type: z.string(),
  state: jobStateSchema,
  attempts: z.int(),
  maxAttempts: z.int(),
  lastError: z.string().nullable(),
  runAt: epochMs,
  updatedAt: epochMs,
  /** The payment the job works on and its order reference; null for tenant-wide jobs. */
  paymentId: z.string().nullable(),
  orderRef: z.string().nullable(),
});
export const jobsQuerySchema = z.object({ state: jobStateSchema.optional() });
export const jobListSchema = z.object({
  counts: z.record(jobStateSchema, z.int()),
  jobs: z.array(jobRowSchema),
});
export const jobRetryAnswerSchema = z.object({ job: jobRowSchema });

// Webhook deliveries (platforms whose plugin sends webhooks)

export const deliveryStatusSchema = z.enum(["pending", "delivered", "failed", "exhausted"]);
export const deliveryRowSchema = z.object({
  id: z.string(),
  messageId: z.string(),
  eventType: z.string(),
  endpointUrl: z.string(),
  /** `failed`: the last attempt failed and another is scheduled; `exhausted`: no more attempts. */
  status: deliveryStatusSchema,
  attempts: z.int(),
  lastStatusCode: z.int().nullable(),
  lastAttemptAt: epochMs.nullable(),
  nextAttemptAt: epochMs.nullable(),
});
export const deliveriesQuerySchema = z.object({ status: deliveryStatusSchema.optional() });
export const deliveriesAnswerSchema = z.object({
  /** False when the tenant's platform has no webhook deliveries to show. */
  supported: z.boolean(),
  deliveries: z.array(deliveryRowSchema),
});
export const deliveryReplayAnswerSchema = z.object({ delivery: deliveryRowSchema });

// Payment links for in-store and phone sales (PoS), and the outbox

export const paymentLinkBodySchema = z.object({
  amountCents: z.int().positive().max(10_000_000),
  reference: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._\-/ ]{1,64}$/, "reference: 1 to 64 letters, digits, spaces or . _ - /"),
  installmentsCount: z.int().min(1).max(12),
  customer: z
    .object({
      email: z.email().max(200).optional(),
      phone: z
        .string()
        .regex(/^\+?[0-9 ().-]{6,24}$/, "customer.phone is not a phone number")
        .optional(),
      firstName: z.string().max(100).optional(),
      lastName: z.string().max(100).optional(),
    })
    .refine((c) => c.email || c.phone, "give the customer's phone or e-mail"),
  locale: z
    .enum(LANGUAGES)
    .optional()
    .describe("the customer's language: Alma's page and the message speak it; French if absent"),
});
export const paymentLinkAnswerSchema = z.object({
  payment: paymentRowSchema,
  url: z.string(),
  /** Where the link went (the contact masked); null when it could not be sent: give the link by hand. */
  sent: z.object({ channel: z.enum(["sms", "email"]), to: z.string() }).nullable(),
});

export const outboxMessageSchema = z.object({
  id: z.string(),
  channel: z.enum(["email", "sms"]),
  to: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  /** `smtp`, `alma_sms`, or `outbox` when it was only kept here. */
  transport: z.string(),
  paymentId: z.string().nullable(),
  at: epochMs,
});
export const outboxAnswerSchema = z.object({ messages: z.array(outboxMessageSchema) });

// The inferred types: what the server answers and the admin app reads.

export type DashboardError = z.infer<typeof dashboardErrorSchema>;
export type Role = z.infer<typeof roleSchema>;
export type Session = z.infer<typeof sessionSchema>;
export type SignInBody = z.infer<typeof signInBodySchema>;
export type TenantRow = z.infer<typeof tenantRowSchema>;
export type TenantsAnswer = z.infer<typeof tenantsAnswerSchema>;
export type TenantHealth = z.infer<typeof tenantHealthSchema>;
export type LoginLink = z.infer<typeof loginLinkSchema>;
export type PaymentRow = z.infer<typeof paymentRowSchema>;
export type PaymentsQuery = z.input<typeof paymentsQuerySchema>;
export type PaymentsAnswer = z.infer<typeof paymentsAnswerSchema>;
export type Instalment = z.infer<typeof instalmentSchema>;
export type RefundRow = z.infer<typeof refundRowSchema>;
export type TimelineEntry = z.infer<typeof timelineEntrySchema>;
export type PaymentDetail = z.infer<typeof paymentDetailSchema>;
export type RefundBody = z.infer<typeof refundBodySchema>;
export type RefundAnswer = z.infer<typeof refundAnswerSchema>;
export type JobState = z.infer<typeof jobStateSchema>;
export type JobRow = z.infer<typeof jobRowSchema>;
export type JobList = z.infer<typeof jobListSchema>;
export type JobRetryAnswer = z.infer<typeof jobRetryAnswerSchema>;
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;
export type DeliveryRow = z.infer<typeof deliveryRowSchema>;
export type DeliveriesAnswer = z.infer<typeof deliveriesAnswerSchema>;
export type DeliveryReplayAnswer = z.infer<typeof deliveryReplayAnswerSchema>;
export type PaymentLinkInput = z.input<typeof paymentLinkBodySchema>;
export type PaymentLinkResult = z.infer<typeof paymentLinkAnswerSchema>;
export type OutboxMessage = z.infer<typeof outboxMessageSchema>;
export type OutboxAnswer = z.infer<typeof outboxAnswerSchema>;
