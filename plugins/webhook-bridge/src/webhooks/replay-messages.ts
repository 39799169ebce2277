import type { Tenant } from "@alma-suite/core/storage";
import { newId } from "@alma-suite/core/storage";
import type { BridgeContext } from "../bridge-context.ts";
import { dbOf } from "../db/bridge-db.ts";
import { type Delivery, insertDelivery } from "../events/delivery-store.ts";
import { TEST_EVENT_TYPE } from "../events/event-types.ts";
import { getMessage, type Message } from "../events/message-store.ts";
import { publishEvent } from "../events/publish-event.ts";
import { scheduleDelivery } from "../events/schedule-delivery.ts";
import { problem } from "../http/problem.ts";
import { type Endpoint, endpointWants, getEndpoint, listEndpoints } from "./endpoint-store.ts";

type Ctx = Pick<BridgeContext, "storage" | "now" | "logger">;

/** A message addressed to this endpoint in the first place: its type is wanted, or it was its test. */
export function isFor(endpoint: Endpoint, message: Message): boolean {
  if (message.onlyEndpointId !== null) return message.onlyEndpointId === endpoint.id;
  return endpointWants(endpoint, message.eventType);
}

/** Sends one message again (same webhook-id, so receivers can dedupe) to one or all of its endpoints. */
export async function replayMessage(
  ctx: Ctx,
  merchant: Tenant,
  input: { messageId: string; endpointId?: string },
): Promise<{ ok: true; deliveries: Delivery[] } | ReturnType<typeof problem>> {
  const db = dbOf(ctx.storage);
  const message = await getMessage(db, merchant.id, input.messageId);
  if (!message) return problem("message_not_found", `no message ${input.messageId}`, { field: "messageId" });
  let endpoints: Endpoint[];
  if (input.endpointId) {
    const endpoint = await getEndpoint(db, merchant.id, input.endpointId);
    if (!endpoint)
      return problem("endpoint_not_found", `no endpoint ${input.endpointId}`, { field: "endpoint_id" });
    if (!endpoint.enabled)
      return problem("invalid_state", "the endpoint is disabled; enable it first", { field: "endpoint_id" });
    endpoints = [endpoint];
  } else {
    endpoints = (await listEndpoints(db, merchant.id, { enabledOnly: true })).filter((e) =>
      isFor(e, message),
    );
  }
  const deliveries = await ctx.storage.transaction(async (tx) => {
    const created: Delivery[] = [];
    for (const endpoint of endpoints) {
      const delivery = await insertDelivery(dbOf(tx), {
        id: newId("dlv"),
        tenantId: merchant.id,
        messageId: message.id,
        endpointId: endpoint.id,
        originKey: `replay:${newId("rpl")}`,
        now: ctx.now(),
      });
      if (delivery) {
        await scheduleDelivery(tx, delivery, 1, ctx.now());
        created.push(delivery);
      }
    }
    return created;
  });
  return { ok: true, deliveries };
}

/** The dashboard's "send test event": a `webhook.test` message to this endpoint only. */
export async function sendTestEvent(
  ctx: Ctx,
  merchant: Tenant,
  endpointId: string,
): Promise<{ ok: true; message: Message } | ReturnType<typeof problem>> {
  const endpoint = await getEndpoint(dbOf(ctx.storage), merchant.id, endpointId);
  if (!endpoint) return problem("endpoint_not_found", `no endpoint ${endpointId}`, { field: "endpointId" });
  const { message } = await ctx.storage.transaction((tx) =>
    publishEvent(tx, {
      tenantId: merchant.id,
      type: TEST_EVENT_TYPE,
      eventKey: `${TEST_EVENT_TYPE}:${newId("tst")}`,
      onlyEndpointId: endpoint.id,
      data: {
        endpoint_id: endpoint.id,
        message: "A test event from alma-suite: your endpoint receives and verifies webhooks.",
      },
      now: ctx.now(),
    }),
  );
  return { ok: true, message };
}
