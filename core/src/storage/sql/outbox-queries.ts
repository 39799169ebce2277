import { newId } from "../ids.ts";
import type { CustomerContact, NewOutboxMessage, OutboxMessage, OutboxQuery } from "../records.ts";
import { int, oneOf, text, textOrNull } from "./row-reader.ts";
import { sameContact } from "./same-contact.ts";
import { placeholders, type SqlContext, type SqlRow } from "./sql-executor.ts";
import { clampLimit } from "./validate.ts";

const CHANNELS = ["email", "sms"] as const;
/** What an erased recipient and body read; also how a message already erased is recognised. */
export const REDACTED = "[redacted]";
const UPDATE_CHUNK = 500;

function toOutboxMessage(row: SqlRow): OutboxMessage {
  return {
    id: text(row, "id"),
    tenantId: text(row, "tenant_id"),
    channel: oneOf(row, "channel", CHANNELS),
    recipient: text(row, "recipient"),
    subject: text(row, "subject"),
    body: text(row, "body"),
    transport: text(row, "transport"),
    paymentLinkId: textOrNull(row, "payment_link_id"),
    createdAt: int(row, "created_at"),
  };
}

export async function addOutboxMessage(ctx: SqlContext, input: NewOutboxMessage): Promise<OutboxMessage> {
  const rows = await ctx.exec.query(
    `INSERT INTO outbox_messages (id, tenant_id, channel, recipient, subject, body, transport, payment_link_id,
       created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
    [
      newId("msg"),
      input.tenantId,
      input.channel,
      input.recipient,
      input.subject,
      input.body,
      input.transport,
      input.paymentLinkId ?? null,
      ctx.now(),
    ],
  );
  if (!rows[0]) throw new Error("outbox insert returned no row");
  return toOutboxMessage(rows[0]);
}

/** Newest first; with `to`, only the (not yet redacted) messages sent to that customer. */
export async function listOutboxMessages(
  ctx: SqlContext,
  tenantId: string,
  query: OutboxQuery = {},
): Promise<OutboxMessage[]> {
  const limit = clampLimit(query.limit);
  if (query.to) return (await messagesTo(ctx, tenantId, query.to)).slice(0, limit).map(toOutboxMessage);
  const rows = await ctx.exec.query(
    "SELECT * FROM outbox_messages WHERE tenant_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    [tenantId, limit],
  );
  return rows.map(toOutboxMessage);
}

/** Matched here rather than in SQL because phones are stored as staff typed them. */
async function messagesTo(ctx: SqlContext, tenantId: string, who: CustomerContact): Promise<SqlRow[]> {
  const rows = await ctx.exec.query(
    `SELECT * FROM outbox_messages WHERE tenant_id = $1 AND recipient <> '${REDACTED}'
     ORDER BY created_at DESC, id DESC`,
    [tenantId],
  );
  return rows.filter((row) => sameContact(oneOf(row, "channel", CHANNELS), text(row, "recipient"), who));
}

/**
 * Erasure (GDPR): the recipient and body of the tenant's messages to this customer (every message
 * when `who` is absent) become "[redacted]". The rows stay: they record that a message was sent.
 */
export async function redactOutboxMessages(
  ctx: SqlContext,
  tenantId: string,
  who?: CustomerContact,
): Promise<number> {
  const redact = `UPDATE outbox_messages SET recipient = '${REDACTED}', body = '${REDACTED}'
     WHERE tenant_id = $1 AND recipient <> '${REDACTED}'`;
  if (!who) return ctx.exec.execute(redact, [tenantId]);
  const ids = (await messagesTo(ctx, tenantId, who)).map((row) => text(row, "id"));
  let changed = 0;
  for (let start = 0; start < ids.length; start += UPDATE_CHUNK) {
    const chunk = ids.slice(start, start + UPDATE_CHUNK);
    changed += await ctx.exec.execute(`${redact} AND id IN (${placeholders(chunk.length, 1)})`, [
      tenantId,
      ...chunk,
    ]);
  }
  return changed;
}
