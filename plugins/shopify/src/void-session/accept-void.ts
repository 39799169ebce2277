import type { Storage } from "@alma-suite/core/storage";
import type { FollowUp } from "../http/session-follow-up-route.ts";
import type { VoidSessionRequest } from "./void-session-request.ts";

export const VOID_JOB = "shopify:void";

export interface VoidPayload {
  tenantId: string;
  paymentLinkId: string;
  gid: string;
}

/** A void session: queued once per void session; the job cancels Alma's payment. */
export async function acceptVoid(
  storage: Storage,
  { tenant, link, body }: FollowUp<VoidSessionRequest>,
): Promise<undefined> {
  await storage.enqueue({
    type: VOID_JOB,
    key: `${VOID_JOB}:${body.gid}`,
    payload: { tenantId: tenant.id, paymentLinkId: link.id, gid: body.gid } satisfies VoidPayload,
    maxAttempts: 50,
  });
  return undefined;
}
