import { z } from "zod";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { listAttempts } from "../events/delivery-store.ts";
import { defineMerchantOperation, type Operation, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import {
  cursorSchema,
  decodeCursor,
  encodeCursor,
  limitSchema,
  listBody,
  listSchema,
} from "../http/views.ts";
import { getEndpoint } from "./endpoint-store.ts";
import { readEndpointSecret, rotateEndpointSecret } from "./manage-endpoints.ts";
import { sendTestEvent } from "./replay-messages.ts";
import { startReplaySince } from "./replay-since.ts";
import { isWebhookSecret } from "./webhook-signature.ts";
import { attemptView, attemptViewSchema } from "./webhook-views.ts";

const endpointParams = z.object({ merchantRef: z.string(), endpointId: z.string() });
const secret = z
  .string()
  .refine(isWebhookSecret, "a Standard Webhooks secret: whsec_ + 24 to 64 bytes in base64");
const secretSchema = z.object({ secret: z.string(), previous_valid_until: z.string().nullable() });

/** What one endpoint offers besides its settings: its secret, a test event, replays and its attempt log. */
export function endpointActionOperations(ctx: BridgeContext): Operation[] {
  const notFound = (id: string) =>
    problem("endpoint_not_found", `no endpoint ${id}`, { field: "endpointId" });
  return [
    defineMerchantOperation({
      id: "getEndpointSecret",
      method: "get",
      path: "/v1/merchants/:merchantRef/endpoints/:endpointId/secret",
      summary: "The endpoint's current signing secret",
      tag: "Webhooks",
      params: endpointParams,
      responses: { 200: { description: "The secret", schema: secretSchema } },
      problems: ["endpoint_not_found"],
      async handle({ merchant, params }) {
        const result = await readEndpointSecret(ctx, merchant, params.endpointId);
        if (!result.ok) return result;
        const until = result.previousValidUntil;
        return ok(200, {
          secret: result.secret,
          previous_valid_until: until === null ? null : new Date(until).toISOString(),
        });
      },
    }),
    defineMerchantOperation({
      id: "rotateEndpointSecret",
      method: "post",
      path: "/v1/merchants/:merchantRef/endpoints/:endpointId/secret/rotate",
      summary:
        "Rotate the signing secret; the old one keeps signing beside it for the overlap (24 h by default), during which another rotation is refused (409)",
      tag: "Webhooks",
      params: endpointParams,
      body: z.object({ secret: secret.optional() }),
      responses: { 200: { description: "The new secret", schema: secretSchema } },
      problems: ["endpoint_not_found", "invalid_state"],
      async handle({ merchant, params, body }) {
        const result = await rotateEndpointSecret(ctx, merchant, params.endpointId, body);
        if (!result.ok) return result;
        return ok(200, {
          secret: result.secret,
          previous_valid_until: new Date(result.previousValidUntil).toISOString(),
        });
      },
    }),
    defineMerchantOperation({
      id: "sendTestEvent",
      method: "post",
      path: "/v1/merchants/:merchantRef/endpoints/:endpointId/test",
      summary: "Send a webhook.test event to this endpoint",
      tag: "Webhooks",
      params: endpointParams,
      responses: {
        202: {
          description: "Queued; follow it with GET …/messages/{id}",
          schema: z.object({ message_id: z.string() }),
        },
      },
      problems: ["endpoint_not_found"],
      async handle({ merchant, params }) {
        const result = await sendTestEvent(ctx, merchant, params.endpointId);
        return result.ok ? ok(202, { message_id: result.message.id }) : result;
      },
    }),
    defineMerchantOperation({
      id: "replayEndpoint",
      method: "post",
      path: "/v1/merchants/:merchantRef/endpoints/:endpointId/replay",
      summary: "Send again every message since a time (by default only those the endpoint never received)",
      tag: "Webhooks",
      params: endpointParams,
      body: z.object({
        since: z.iso.datetime({ offset: true }).describe("ISO 8601"),
        only_failed: z.boolean().default(true),
      }),
      responses: { 202: { description: "Replay queued", schema: z.object({ replay_id: z.string() }) } },
      problems: ["endpoint_not_found", "invalid_state"],
      async handle({ merchant, params, body }) {
        const result = await startReplaySince(ctx, merchant, {
          endpointId: params.endpointId,
          since: Date.parse(body.since),
          onlyFailed: body.only_failed,
        });
        return result.ok ? ok(202, { replay_id: result.replayId }) : result;
      },
    }),
    defineMerchantOperation({
      id: "listEndpointAttempts",
      method: "get",
      path: "/v1/merchants/:merchantRef/endpoints/:endpointId/attempts",
      summary: "Every delivery attempt to this endpoint, newest first",
      tag: "Webhooks",
      params: endpointParams,
      query: z.object({
        limit: limitSchema,
        cursor: cursorSchema,
        status: z.enum(["succeeded", "failed"]).optional(),
      }),
      responses: { 200: { description: "Attempts", schema: listSchema(attemptViewSchema) } },
      problems: ["endpoint_not_found"],
      async handle({ merchant, params, query }) {
        const db = dbOf(ctx.storage);
        if (!(await getEndpoint(db, merchant.id, params.endpointId))) return notFound(params.endpointId);
        const cursor = decodeCursor(query.cursor);
        const attempts = await listAttempts(db, merchant.id, {
          endpointId: params.endpointId,
          status: query.status,
          before: cursor ? { startedAt: cursor.at, id: cursor.id } : undefined,
          limit: query.limit + 1,
        });
        const body = listBody(attempts, query.limit, (a) => encodeCursor(a.startedAt, a.id));
        return ok(200, { ...body, data: body.data.map(attemptView) });
      },
    }),
  ];
}
