import { z } from "zod";
import type { Attempt, Delivery } from "../events/delivery-store.ts";
import type { Message } from "../events/message-store.ts";
import { isoTime } from "../http/views.ts";
import type { Endpoint } from "./endpoint-store.ts";

export const endpointViewSchema = z.object({
  object: z.literal("endpoint"),
  id: z.string(),
  url: z.string(),
  description: z.string(),
  event_types: z.array(z.string()).nullable().describe("null: every event type"),
  enabled: z.boolean(),
  disabled_reason: z.string().nullable().describe("Why we disabled it (410 Gone, failing for 5 days)"),
  failing_since: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string(),
});

export const deliveryViewSchema = z.object({
  id: z.string(),
  endpoint_id: z.string(),
  origin: z.enum(["event", "replay", "test"]),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.int(),
  next_attempt_at: z.string().nullable(),
  last_response_status: z.int().nullable(),
  last_error: z.string().nullable(),
  created_at: z.string(),
});

export const attemptViewSchema = z.object({
  id: z.string(),
  delivery_id: z.string(),
  message_id: z.string(),
  endpoint_id: z.string(),
  attempt: z.int(),
  status: z.enum(["succeeded", "failed"]),
  response_status: z.int().nullable(),
  response_body: z.string().nullable().describe("The start of the answer (2,000 characters at most)"),
  error: z.string().nullable(),
  latency_ms: z.int(),
  started_at: z.string(),
});

export const messageViewSchema = z.object({
  object: z.literal("message"),
  id: z.string().describe("The webhook-id header of every attempt"),
  event_type: z.string(),
  payment_id: z.string().nullable(),
  payload: z.unknown().describe("The body delivered, as sent"),
  created_at: z.string(),
});

export function endpointView(e: Endpoint): z.infer<typeof endpointViewSchema> {
  return {
    object: "endpoint",
    id: e.id,
    url: e.url,
    description: e.description,
    event_types: e.eventTypes,
    enabled: e.enabled,
    disabled_reason: e.disabledReason,
    failing_since: isoTime(e.failingSince),
    created_at: isoTime(e.createdAt) ?? "",
    updated_at: isoTime(e.updatedAt) ?? "",
  };
}

export function deliveryView(d: Delivery): z.infer<typeof deliveryViewSchema> {
  const origin = d.originKey === "event" ? "event" : d.originKey === "test" ? "test" : "replay";
  return {
    id: d.id,
    endpoint_id: d.endpointId,
    origin,
    status: d.status,
    attempts: d.attempts,
    next_attempt_at: d.status === "pending" ? isoTime(d.nextAttemptAt) : null,
    last_response_status: d.lastResponseStatus,
    last_error: d.lastError,
    created_at: isoTime(d.createdAt) ?? "",
  };
}

export function attemptView(a: Attempt): z.infer<typeof attemptViewSchema> {
  return {
    id: a.id,
    delivery_id: a.deliveryId,
    message_id: a.messageId,
    endpoint_id: a.endpointId,
    attempt: a.attempt,
    status: a.status,
    response_status: a.responseStatus,
    response_body: a.responseBody,
    error: a.error,
    latency_ms: a.latencyMs,
    started_at: isoTime(a.startedAt) ?? "",
  };
}

export function messageView(m: Message): z.infer<typeof messageViewSchema> {
  return {
    object: "message",
    id: m.id,
    event_type: m.eventType,
    payment_id: m.paymentLinkId,
    payload: JSON.parse(m.body) as unknown,
    created_at: isoTime(m.createdAt) ?? "",
  };
}
