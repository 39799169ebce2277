import { tryParseAmountToCents } from "@alma-suite/core";
import { jobType, type Storage } from "@alma-suite/core/storage";
import { z } from "zod";
import type { FollowUp } from "../http/session-follow-up-route.ts";
import type { CaptureSessionRequest } from "./capture-session-request.ts";

export const CAPTURE_JOB = "shopify:capture";

export const captureJob = jobType(
  CAPTURE_JOB,
  z.object({ tenantId: z.string(), paymentLinkId: z.string(), gid: z.string(), amountCents: z.int() }),
);
export type CapturePayload = z.infer<typeof captureJob.payload>;

/** A capture session: queued once per capture session; the job triggers Alma's payment. */
export async function acceptCapture(
  storage: Storage,
  { tenant, link, body }: FollowUp<CaptureSessionRequest>,
): Promise<undefined | { status: 400; error: string }> {
  const amount = tryParseAmountToCents(body.amount);
  if (!amount.ok || amount.cents <= 0)
    return { status: 400, error: `amount: ${amount.ok ? "must be positive" : amount.error}` };
  if (body.currency.toUpperCase() !== link.currency)
    return { status: 400, error: `currency must be ${link.currency}` };
  await captureJob.enqueue(storage, {
    key: `${CAPTURE_JOB}:${body.gid}`,
    payload: {
      tenantId: tenant.id,
      paymentLinkId: link.id,
      gid: body.gid,
      amountCents: amount.cents,
    },
    maxAttempts: 50,
  });
}
