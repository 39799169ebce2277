import { z } from "zod";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { listAttempts, listDeliveriesOfMessage } from "../events/delivery-store.ts";
import { EVENT_TYPES, TEST_EVENT_TYPE } from "../events/event-types.ts";
import { getMessage, listMessages } from "../events/message-store.ts";
import { defineMerchantOperation, defineOperation, type Operation, ok } from "../http/operation.ts";
import { problem } from "../http/problem.ts";
import {
  cursorSchema,
  decodeCursor,
  encodeCursor,
  limitSchema,
  listBody,
  listSchema,
} from "../http/views.ts";
import { replayMessage } from "./replay-messages.ts";
import {
  attemptView,
  attemptViewSchema,
  deliveryView,
  deliveryViewSchema,
  messageView,
  messageViewSchema,
} from "./webhook-views.ts";

const messageParams = z.object({ merchantRef: z.string(), messageId: z.string() });

export function messageOperations(ctx: BridgeContext): Operation[] {
  return [
    defineOperation({
      id: "listEventTypes",
      method: "get",
      path: "/v1/event-types",
      summary: "The event types endpoints can subscribe to",
      tag: "Webhooks",
      auth: "agency",
      responses: {
        200: {
          description: "Names and meanings",
          schema: z.object({ data: z.array(z.object({ name: z.string(), description: z.string() })) }),
        },
      },
      async handle() {
        const data = Object.entries(EVENT_TYPES).map(([name, description]) => ({ name, description }));
        return ok(200, {
          data: [...data, { name: TEST_EVENT_TYPE, description: "Sent by the test button only" }],
        });
      },
    }),
    defineMerchantOperation({
      id: "listMessages",
      method: "get",
      path: "/v1/merchants/:merchantRef/messages",
      summary: "Webhook messages, newest first",
      tag: "Webhooks",
      query: z.object({
        limit: limitSchema,
        cursor: cursorSchema,
        event_type: z.string().optional(),
        payment_id: z.string().optional(),
        since: z.iso.datetime({ offset: true }).optional(),
      }),
      responses: { 200: { description: "Messages", schema: listSchema(messageViewSchema) } },
      async handle({ merchant, query }) {
        const cursor = decodeCursor(query.cursor);
        const messages = await listMessages(dbOf(ctx.storage), merchant.id, {
          eventType: query.event_type,
          paymentLinkId: query.payment_id,
          since: query.since ? Date.parse(query.since) : undefined,
          after: cursor ? { createdAt: cursor.at, id: cursor.id } : undefined,
          order: "desc",
          limit: query.limit + 1,
        });
        const body = listBody(messages, query.limit, (m) => encodeCursor(m.createdAt, m.id));
        return ok(200, { ...body, data: body.data.map(messageView) });
      },
    }),
    defineMerchantOperation({
      id: "getMessage",
      method: "get",
      path: "/v1/merchants/:merchantRef/messages/:messageId",
      summary: "A message with its deliveries and every attempt",
      tag: "Webhooks",
      params: messageParams,
      responses: {
        200: {
          description: "The message",
          schema: messageViewSchema.extend({
            deliveries: z.array(deliveryViewSchema),
            attempts: z.array(attemptViewSchema),
          }),
        },
      },
      problems: ["message_not_found"],
      async handle({ merchant, params }) {
        const db = dbOf(ctx.storage);
        const message = await getMessage(db, merchant.id, params.messageId);
        if (!message)
          return problem("message_not_found", `no message ${params.messageId}`, { field: "messageId" });
        const deliveries = await listDeliveriesOfMessage(db, merchant.id, message.id);
        const attempts = await listAttempts(db, merchant.id, { messageId: message.id, limit: 1000 });
        return ok(200, {
          ...messageView(message),
          deliveries: deliveries.map(deliveryView),
          attempts: attempts.map(attemptView),
        });
      },
    }),
    defineMerchantOperation({
      id: "replayMessage",
      method: "post",
      path: "/v1/merchants/:merchantRef/messages/:messageId/replay",
      summary: "Send a message again, to one endpoint or to every enabled endpoint it is for",
      tag: "Webhooks",
      params: messageParams,
      body: z.object({ endpoint_id: z.string().optional() }),
      responses: {
        202: {
          description: "Deliveries queued",
          schema: z.object({ deliveries: z.array(deliveryViewSchema) }),
        },
      },
      problems: ["message_not_found", "endpoint_not_found", "invalid_state"],
      async handle({ merchant, params, body }) {
        const result = await replayMessage(ctx, merchant, {
          messageId: params.messageId,
          endpointId: body.endpoint_id,
        });
        return result.ok ? ok(202, { deliveries: result.deliveries.map(deliveryView) }) : result;
      },
    }),
  ];
}
