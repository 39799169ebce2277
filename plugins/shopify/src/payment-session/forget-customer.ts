import { jobType, type Storage } from "@alma-suite/core/storage";
import { z } from "zod";
import { patchSession, readSession } from "./session-record.ts";

/** Deletes, a day after the session request, the buyer details of a session nobody paid. */
export const FORGET_CUSTOMER_JOB = "shopify:forget-customer";
export const FORGET_CUSTOMER_AFTER_MS = 24 * 60 * 60_000;

export const forgetCustomerJob = jobType(
  FORGET_CUSTOMER_JOB,
  z.object({ tenantId: z.string(), paymentLinkId: z.string() }),
);
export type ForgetCustomerPayload = z.infer<typeof forgetCustomerJob.payload>;

/** Erases the buyer's details from a session, keeping its financial record. True if any were there. */
export async function forgetCustomer(
  storage: Storage,
  tenantId: string,
  linkId: string,
  redacted = false,
): Promise<boolean> {
  const link = await storage.getPaymentLink(tenantId, linkId);
  const session = link && readSession(link);
  if (!link || !session || (!session.customer && !redacted)) return false;
  await patchSession(storage, tenantId, linkId, { customer: null, redacted: session.redacted || redacted });
  return session.customer !== null;
}
