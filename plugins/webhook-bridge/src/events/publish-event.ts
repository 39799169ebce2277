import type { StorageTransaction } from "@alma-suite/core/storage";
import { newId } from "@alma-suite/core/storage";
import { dbOf } from "../db/bridge-db.ts";
import { endpointWants, getEndpoint, listEndpoints } from "../webhooks/endpoint-store.ts";
import { insertDelivery } from "./delivery-store.ts";
import type { EventType } from "./event-types.ts";
import { findMessageByKey, insertMessage, type Message } from "./message-store.ts";
import { scheduleDelivery } from "./schedule-delivery.ts";

export interface PublishInput {
  tenantId: string;
  type: EventType | "webhook.test";
  /** What makes this event unique for the merchant, e.g. `payment.refunded:<alma refund id>`. */
  eventKey: string;
  data: Record<string, unknown>;
  paymentLinkId?: string | null;
  /** Test events go to one endpoint only, enabled or not. */
  onlyEndpointId?: string;
  now: number;
}

/**
 * Records the event as a message (once per event key) and, in the same transaction, one delivery
 * and one due job per subscribed endpoint: the message and its deliveries exist together or not
 * at all, and a crash after commit loses nothing.
 */
export async function publishEvent(
  tx: StorageTransaction,
  input: PublishInput,
): Promise<{ message: Message; created: boolean }> {
  const db = dbOf(tx);
  const message: Message = {
    id: newId("msg", input.now),
    tenantId: input.tenantId,
    eventType: input.type,
    eventKey: input.eventKey,
    paymentLinkId: input.paymentLinkId ?? null,
    body: JSON.stringify({
      type: input.type,
      timestamp: new Date(input.now).toISOString(),
      data: input.data,
    }),
    onlyEndpointId: input.onlyEndpointId ?? null,
    createdAt: input.now,
  };
  if (!(await insertMessage(db, message))) {
    const existing = await findMessageByKey(db, input.tenantId, input.eventKey);
    if (!existing) throw new Error(`message ${input.eventKey} conflicted but was not found`);
    return { message: existing, created: false };
  }
  const targets = input.onlyEndpointId
    ? [await getEndpoint(db, input.tenantId, input.onlyEndpointId)].filter((e) => e !== null)
    : (await listEndpoints(db, input.tenantId, { enabledOnly: true })).filter((e) =>
        endpointWants(e, input.type),
      );
  for (const endpoint of targets) {
    const delivery = await insertDelivery(db, {
      id: newId("dlv"),
      tenantId: input.tenantId,
      messageId: message.id,
      endpointId: endpoint.id,
      originKey: input.onlyEndpointId ? "test" : "event",
      now: input.now,
    });
    if (delivery) await scheduleDelivery(tx, delivery, 1, input.now);
  }
  return { message, created: true };
}
