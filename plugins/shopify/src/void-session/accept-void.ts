import { jobType, type Storage } from "@alma-suite/core/storage";
import { z } from "zod";
import type { FollowUp } from "../http/session-follow-up-route.ts";
import type { VoidSessionRequest } from "./void-session-request.ts";

export const VOID_JOB = "shopify:void";

export const voidJob = jobType(
  VOID_JOB,
  z.object({ tenantId: z.string(), paymentLinkId: z.string(), gid: z.string() }),
);
export type VoidPayload = z.infer<typeof voidJob.payload>;

/** A void session: queued once per void session; the job cancels Alma's payment. */
export async function acceptVoid(
  storage: Storage,
  { tenant, link, body }: FollowUp<VoidSessionRequest>,
): Promise<undefined> {
  await voidJob.enqueue(storage, {
    key: `${VOID_JOB}:${body.gid}`,
    payload: { tenantId: tenant.id, paymentLinkId: link.id, gid: body.gid },
    maxAttempts: 50,
  });
  return undefined;
}
