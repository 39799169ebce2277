import { z } from "zod";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { eventTypeNames } from "../events/event-types.ts";
import { defineMerchantOperation, type Operation, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import { deleteEndpoint, getEndpoint, listEndpoints } from "./endpoint-store.ts";
import { createEndpoint, patchEndpoint } from "./manage-endpoints.ts";
import { isWebhookSecret } from "./webhook-signature.ts";
import { endpointView, endpointViewSchema } from "./webhook-views.ts";

const endpointParams = z.object({ merchantRef: z.string(), endpointId: z.string() });
const eventTypes = z
  .array(z.enum(eventTypeNames as [string, ...string[]]))
  .min(1)
  .nullable()
  .describe("Event types to receive; null or absent for all");
const url = z.url({ protocol: /^https?$/ }).max(2000);
const secret = z
  .string()
  .refine(isWebhookSecret, "a Standard Webhooks secret: whsec_ + 24 to 64 bytes in base64");

/** An endpoint's settings: create (with its secret), list, read, change, delete. */
export function endpointOperations(ctx: BridgeContext): Operation[] {
  const notFound = (id: string) =>
    problem("endpoint_not_found", `no endpoint ${id}`, { field: "endpointId" });
  return [
    defineMerchantOperation({
      id: "createEndpoint",
      method: "post",
      path: "/v1/merchants/:merchantRef/endpoints",
      summary: "Register a webhook endpoint",
      description: "The answer carries the signing secret (whsec_…); it can be read again with GET …/secret.",
      tag: "Webhooks",
      body: z.object({
        url,
        description: z.string().max(500).default(""),
        event_types: eventTypes.optional(),
        enabled: z.boolean().default(true),
        secret: secret.optional().describe("Bring your own secret; one is generated otherwise"),
      }),
      responses: {
        201: {
          description: "The endpoint and its secret",
          schema: endpointViewSchema.extend({ secret: z.string() }),
        },
      },
      problems: ["destination_not_allowed"],
      async handle({ merchant, body }) {
        const result = await createEndpoint(ctx, merchant, {
          url: body.url,
          description: body.description,
          eventTypes: body.event_types ?? null,
          enabled: body.enabled,
          secret: body.secret,
        });
        if (!result.ok) return result;
        return ok(201, { ...endpointView(result.endpoint), secret: result.secret });
      },
    }),
    defineMerchantOperation({
      id: "listEndpoints",
      method: "get",
      path: "/v1/merchants/:merchantRef/endpoints",
      summary: "The merchant's webhook endpoints",
      tag: "Webhooks",
      responses: {
        200: { description: "Endpoints", schema: z.object({ data: z.array(endpointViewSchema) }) },
      },
      async handle({ merchant }) {
        return ok(200, { data: (await listEndpoints(dbOf(ctx.storage), merchant.id)).map(endpointView) });
      },
    }),
    defineMerchantOperation({
      id: "getEndpoint",
      method: "get",
      path: "/v1/merchants/:merchantRef/endpoints/:endpointId",
      summary: "One endpoint",
      tag: "Webhooks",
      params: endpointParams,
      responses: { 200: { description: "The endpoint", schema: endpointViewSchema } },
      problems: ["endpoint_not_found"],
      async handle({ merchant, params }) {
        const endpoint = await getEndpoint(dbOf(ctx.storage), merchant.id, params.endpointId);
        return endpoint ? ok(200, endpointView(endpoint)) : notFound(params.endpointId);
      },
    }),
    defineMerchantOperation({
      id: "updateEndpoint",
      method: "patch",
      path: "/v1/merchants/:merchantRef/endpoints/:endpointId",
      summary: "Change an endpoint; `enabled: true` re-enables one we disabled",
      tag: "Webhooks",
      params: endpointParams,
      body: z.object({
        url: url.optional(),
        description: z.string().max(500).optional(),
        event_types: eventTypes.optional(),
        enabled: z.boolean().optional(),
      }),
      responses: { 200: { description: "The endpoint", schema: endpointViewSchema } },
      problems: ["endpoint_not_found", "destination_not_allowed"],
      async handle({ merchant, params, body }) {
        const result = await patchEndpoint(ctx, merchant, params.endpointId, {
          url: body.url,
          description: body.description,
          eventTypes: body.event_types,
          enabled: body.enabled,
        });
        return result.ok ? ok(200, endpointView(result.endpoint)) : result;
      },
    }),
    defineMerchantOperation({
      id: "deleteEndpoint",
      method: "delete",
      path: "/v1/merchants/:merchantRef/endpoints/:endpointId",
      summary: "Delete an endpoint; pending deliveries to it stop",
      tag: "Webhooks",
      params: endpointParams,
      responses: { 204: { description: "Deleted" } },
      problems: ["endpoint_not_found"],
      async handle({ merchant, params }) {
        const deleted = await deleteEndpoint(dbOf(ctx.storage), merchant.id, params.endpointId, ctx.now());
        return deleted ? ok(204) : notFound(params.endpointId);
      },
    }),
  ];
}
