import {
  type JsonObject,
  modifyPaymentLink,
  type PaymentLink,
  type PaymentPatch,
  type StorageTransaction,
} from "@alma-suite/core/storage";
import { z } from "zod";

/** A plan the customer may pick, with what Alma's eligibility said it costs. */
export const offerSchema = z.object({
  planKey: z.string(),
  installmentsCount: z.int(),
  deferredDays: z.int(),
  deferredMonths: z.int(),
  customerFeeCents: z.int(),
  totalCostCents: z.int(),
  annualInterestRate: z.number().nullable(),
  schedule: z.array(z.object({ dueDate: z.int(), totalCents: z.int() })),
});
export type Offer = z.infer<typeof offerSchema>;

const customerSchema = z.object({
  email: z.string().nullable(),
  phone: z.string().nullable(),
  locale: z.string().nullable(),
  billing: z.record(z.string(), z.string()).nullable(),
  shipping: z.record(z.string(), z.string()).nullable(),
});
export type SessionCustomer = z.infer<typeof customerSchema>;

export const REJECTION_CODES = [
  "PROCESSING_ERROR",
  "FRAUD_SUSPECTED",
  "INVALID_CURRENCY",
  "AMOUNT_TOO_SMALL",
  "AMOUNT_TOO_LARGE",
  "CANCELLED_PAYMENT",
] as const;
export type RejectionCode = (typeof REJECTION_CODES)[number];

/**
 * What a payment link of a Shopify payment session keeps in `custom`. `customer` is the only
 * personal data and lives briefly: Alma needs it to create the payment, so it is dropped as soon
 * as the payment exists, when the session is rejected, after a day at most (forget-customer job),
 * or when a compliance webhook asks. Financial fields stay.
 */
export const sessionRecordSchema = z.object({
  gid: z.string(),
  group: z.string(),
  kind: z.enum(["sale", "authorization"]),
  test: z.boolean(),
  cancelUrl: z.string(),
  proposedAt: z.string().nullable(),
  merchantLocale: z.string().nullable(),
  /**
   * The buyer's language (Shopify's `customer.locale`), kept when `customer` is dropped so the
   * pages after Alma still speak it; absent on sessions recorded before it was kept.
   */
  buyerLocale: z.string().max(20).nullish(),
  customer: customerSchema.nullable(),
  offers: z.array(offerSchema).nullable(),
  rejection: z.object({ code: z.enum(REJECTION_CODES), message: z.string() }).nullable(),
  almaUrl: z.string().nullable(),
  redirectUrl: z.string().nullable(),
  redacted: z.boolean(),
});
export type SessionRecord = z.infer<typeof sessionRecordSchema>;

export function readSession(link: PaymentLink): SessionRecord | null {
  const parsed = sessionRecordSchema.safeParse(link.custom?.shopifySession);
  return parsed.success ? parsed.data : null;
}

/**
 * The Alma environment a session's payment lives in: its own test flag, whatever mode the shop
 * is in now. A session is only given a payment when the two agree, and a switch later must not
 * send its refund, capture or void to the other environment, which does not know the payment.
 */
export function almaModeOf(
  session: Pick<SessionRecord, "test"> | null,
): { mode: "live" | "test" } | undefined {
  return session ? { mode: session.test ? "test" : "live" } : undefined;
}

export function sessionCustom(link: PaymentLink, record: SessionRecord): JsonObject {
  return { ...link.custom, shopifySession: JSON.parse(JSON.stringify(record)) as JsonObject };
}

/**
 * Changes some fields of a session's record, merged onto the record as it is when written
 * (`modifyPaymentLink`), so concurrent requests of one session (Shopify retries, the plan picker,
 * the forget job) never undo each other's fields. Joins the caller's transaction if it holds one.
 */
export function patchSession(
  storage: Pick<StorageTransaction, "transaction">,
  tenantId: string,
  linkId: string,
  patch: Partial<SessionRecord>,
  extra: PaymentPatch = {},
): Promise<PaymentLink | null> {
  return modifyPaymentLink(storage, tenantId, linkId, (link) => {
    const session = readSession(link);
    return session ? { ...extra, custom: sessionCustom(link, { ...session, ...patch }) } : null;
  });
}
