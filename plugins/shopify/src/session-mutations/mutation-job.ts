import { type EnqueueInput, jobType } from "@alma-suite/core/storage";
import { z } from "zod";
import { MUTATIONS, type MutationName } from "../payments-api/mutations.ts";

/** Job type of every call to the Payments Apps API: durable, retried until Shopify answers. */
export const MUTATION_JOB = "shopify:mutation";

/** Shopify may be down for hours; with backoff capped at 15 min this keeps trying for about a day. */
export const MUTATION_MAX_ATTEMPTS = 100;

export const mutationJobType = jobType(
  MUTATION_JOB,
  z.object({
    tenantId: z.string(),
    /** The payment link the session belongs to; events about the call are recorded on it. */
    paymentLinkId: z.string(),
    name: z.enum(Object.keys(MUTATIONS) as [MutationName, ...MutationName[]]),
    variables: z.record(z.string(), z.unknown()),
  }),
);
export type MutationPayload = z.infer<typeof mutationJobType.payload>;

/**
 * Keys make each mutation happen once: per session gid and operation, except a payment
 * session's resolve, which is keyed by the checkout's `group` so only one attempt of a
 * checkout is ever resolved (Shopify retries a checkout as new sessions of the same group).
 */
export function resolveKey(tenantId: string, group: string): string {
  return `shopify:resolve:${tenantId}:${group}`;
}

export function mutationKey(name: MutationName, gid: string): string {
  return `shopify:${name}:${gid}`;
}

export function mutationJob(key: string, payload: MutationPayload): EnqueueInput {
  return mutationJobType.input({ key, payload, maxAttempts: MUTATION_MAX_ATTEMPTS });
}
