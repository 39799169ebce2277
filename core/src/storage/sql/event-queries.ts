import type { NewPaymentEvent, PaymentEvent } from "../records.ts";
import { deleteInBatches } from "./delete-in-batches.ts";
import { int, jsonObject, text } from "./row-reader.ts";
import type { SqlContext, SqlRow } from "./sql-executor.ts";
import { clampLimit } from "./validate.ts";

function toPaymentEvent(row: SqlRow): PaymentEvent {
  return {
    id: int(row, "id"),
    tenantId: text(row, "tenant_id"),
    paymentLinkId: text(row, "payment_link_id"),
    type: text(row, "type"),
    data: jsonObject(row, "data"),
    at: int(row, "at"),
  };
}

/** Append-only: there is deliberately no update or delete for events. */
export async function appendPaymentEvent(ctx: SqlContext, input: NewPaymentEvent): Promise<PaymentEvent> {
  const rows = await ctx.exec.query(
    `INSERT INTO payment_events (tenant_id, payment_link_id, type, data, at)
     VALUES ($1, $2, $3, $4, $5) RETURNING *`,
    [input.tenantId, input.paymentLinkId, input.type, JSON.stringify(input.data ?? {}), ctx.now()],
  );
  if (!rows[0]) throw new Error("event insert returned no row");
  return toPaymentEvent(rows[0]);
}

export async function listPaymentEvents(
  ctx: SqlContext,
  tenantId: string,
  paymentLinkId: string,
  query: { limit?: number } = {},
): Promise<PaymentEvent[]> {
  const rows = await ctx.exec.query(
    `SELECT * FROM payment_events WHERE tenant_id = $1 AND payment_link_id = $2 ORDER BY id LIMIT $3`,
    [tenantId, paymentLinkId, clampLimit(query.limit, 500, 5000)],
  );
  return rows.map(toPaymentEvent);
}

export async function markNotificationProcessed(ctx: SqlContext, key: string): Promise<boolean> {
  const changed = await ctx.exec.execute(
    "INSERT INTO processed_notifications (key, processed_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
    [key, ctx.now()],
  );
  return changed === 1;
}

export async function isNotificationProcessed(ctx: SqlContext, key: string): Promise<boolean> {
  const rows = await ctx.exec.query("SELECT 1 AS seen FROM processed_notifications WHERE key = $1", [key]);
  return rows.length > 0;
}

/** Deletes keys marked before `processedBefore` (epoch ms), a batch at a time; returns how many. */
export function purgeProcessedNotifications(ctx: SqlContext, processedBefore: number): Promise<number> {
  return deleteInBatches(
    ctx,
    `DELETE FROM processed_notifications WHERE key IN (
       SELECT key FROM processed_notifications WHERE processed_at < $1 LIMIT $2
     )`,
    processedBefore,
  );
}
