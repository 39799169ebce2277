import { tryParseAmountToCents } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import type { FollowUp } from "../http/session-follow-up-route.ts";
import type { CaptureSessionRequest } from "./capture-session-request.ts";

export const CAPTURE_JOB = "shopify:capture";

export interface CapturePayload {
  tenantId: string;
  paymentLinkId: string;
  gid: string;
  amountCents: number;
}

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
  await storage.enqueue({
    type: CAPTURE_JOB,
    key: `${CAPTURE_JOB}:${body.gid}`,
    payload: {
      tenantId: tenant.id,
      paymentLinkId: link.id,
      gid: body.gid,
      amountCents: amount.cents,
    } satisfies CapturePayload,
    maxAttempts: 50,
  });
}
