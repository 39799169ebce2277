import { z } from "zod";

/**
 * Every error the bridge answers is an RFC 9457 problem (`application/problem+json`) whose `type`
 * is one of these stable slugs under `/bridge/problems/`, never a free-form message to parse.
 */
export const PROBLEM_TYPES = {
  malformed_json: { status: 400, title: "The request body is not valid JSON" },
  nesting_too_deep: { status: 400, title: "The JSON body nests arrays or objects too deeply" },
  malformed_request: { status: 400, title: "The request URL or body could not be read" },
  unauthorized: { status: 401, title: "Missing, unknown or revoked credentials" },
  not_found: { status: 404, title: "No such resource" },
  merchant_not_found: { status: 404, title: "No such merchant for this agency" },
  payment_not_found: { status: 404, title: "No such payment for this merchant" },
  endpoint_not_found: { status: 404, title: "No such webhook endpoint for this merchant" },
  message_not_found: { status: 404, title: "No such webhook message for this merchant" },
  invalid_state: { status: 409, title: "The resource is not in a state that allows this" },
  order_reference_conflict: { status: 409, title: "This order reference already has a different checkout" },
  checkout_in_progress: { status: 409, title: "Another request is creating this order's checkout" },
  idempotency_request_in_progress: {
    status: 409,
    title: "A request with this Idempotency-Key is still running",
  },
  payload_too_large: { status: 413, title: "The request body is too large" },
  unsupported_media_type: { status: 415, title: "Send the body as application/json (UTF-8, uncompressed)" },
  // Answered by the server's rate limiter in front of the bridge (apps/server rate-limits.ts).
  rate_limited: { status: 429, title: "Too many requests for this API key" },
  validation_error: { status: 422, title: "The request does not match the schema" },
  idempotency_key_reused: { status: 422, title: "This Idempotency-Key was used with a different request" },
  idempotency_key_unreadable: {
    status: 422,
    title: "The stored answer for this Idempotency-Key can no longer be read",
  },
  currency_not_supported: { status: 422, title: "Alma only accepts EUR" },
  plan_not_allowed: { status: 422, title: "This plan is not enabled for the merchant" },
  amount_below_minimum: { status: 422, title: "The amount is below the plan's minimum" },
  amount_above_maximum: { status: 422, title: "The amount is above the plan's maximum" },
  refund_exceeds_refundable: { status: 422, title: "The refund is larger than what remains refundable" },
  destination_not_allowed: {
    status: 422,
    title: "Webhooks may not target private, loopback or link-local addresses",
  },
  alma_key_rejected: { status: 422, title: "Alma refused this API key" },
  alma_rejected: { status: 422, title: "Alma refused the request" },
  alma_unavailable: { status: 503, title: "Alma could not be reached; retry later" },
  operator_api_disabled: { status: 503, title: "No operator token is configured" },
  not_ready: { status: 503, title: "The bridge is starting; retry in a moment" },
  database_unavailable: { status: 503, title: "Our database is briefly unavailable; retry shortly" },
  internal_error: { status: 500, title: "Something went wrong on our side" },
} as const;

export type ProblemSlug = keyof typeof PROBLEM_TYPES;

export interface FieldError {
  field: string;
  in: "body" | "query" | "path" | "header";
  message: string;
}

/** An expected refusal, returned as a value by use cases and turned into a response by the router. */
export interface Problem {
  slug: ProblemSlug;
  detail: string;
  /** The offending field, when one field is to blame. */
  field?: string;
  errors?: FieldError[];
  /** Extra members, e.g. `refundable_amount`. */
  extra?: Record<string, unknown>;
}

export function problem(
  slug: ProblemSlug,
  detail: string,
  more: Omit<Problem, "slug" | "detail"> = {},
): { ok: false; problem: Problem } {
  return { ok: false, problem: { slug, detail, ...more } };
}

export function problemType(slug: ProblemSlug): string {
  return `/bridge/problems/${slug.replaceAll("_", "-")}`;
}

export function problemBody(p: Problem, instance?: string): Record<string, unknown> {
  const { status, title } = PROBLEM_TYPES[p.slug];
  return {
    type: problemType(p.slug),
    title,
    status,
    detail: p.detail,
    ...(instance ? { instance } : {}),
    ...(p.field ? { field: p.field } : {}),
    ...(p.errors ? { errors: p.errors } : {}),
    ...p.extra,
  };
}

export const problemSchema = z
  .object({
    type: z
      .string()
      .describe("Stable identifier of the kind of problem, e.g. /bridge/problems/validation-error"),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    instance: z.string().optional(),
    field: z.string().optional().describe("The offending field, when one is to blame"),
    errors: z
      .array(
        z.object({ field: z.string(), in: z.enum(["body", "query", "path", "header"]), message: z.string() }),
      )
      .optional(),
  })
  .loose();
