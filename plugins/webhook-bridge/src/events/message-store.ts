import { type Db, num, type Row, str, strOrNull } from "../db/bridge-db.ts";

export interface Message {
  id: string;
  tenantId: string;
  eventType: string;
  eventKey: string;
  paymentLinkId: string | null;
  /** The exact bytes every attempt sends and signs. */
  body: string;
  onlyEndpointId: string | null;
  createdAt: number;
}

export function toMessage(row: Row): Message {
  return {
    id: str(row, "id"),
    tenantId: str(row, "tenant_id"),
    eventType: str(row, "event_type"),
    eventKey: str(row, "event_key"),
    paymentLinkId: strOrNull(row, "payment_link_id"),
    body: str(row, "body"),
    onlyEndpointId: strOrNull(row, "only_endpoint_id"),
    createdAt: num(row, "created_at"),
  };
}

/** Insert-or-ignore by (tenant, event key): the same business event never becomes two messages. */
export async function insertMessage(db: Db, message: Message): Promise<boolean> {
  const changed = await db.execute(
    `INSERT INTO bridge_messages (id, tenant_id, event_type, event_key, payment_link_id, body, only_endpoint_id, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (tenant_id, event_key) DO NOTHING`,
    [
      message.id,
      message.tenantId,
      message.eventType,
      message.eventKey,
      message.paymentLinkId,
      message.body,
      message.onlyEndpointId,
      message.createdAt,
    ],
  );
  return changed > 0;
}

export async function getMessage(db: Db, tenantId: string, id: string): Promise<Message | null> {
  const rows = await db.query("SELECT * FROM bridge_messages WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    id,
  ]);
  return rows[0] ? toMessage(rows[0]) : null;
}

export async function findMessageByKey(db: Db, tenantId: string, eventKey: string): Promise<Message | null> {
  const rows = await db.query("SELECT * FROM bridge_messages WHERE tenant_id = $1 AND event_key = $2", [
    tenantId,
    eventKey,
  ]);
  return rows[0] ? toMessage(rows[0]) : null;
}

export interface MessageQuery {
  eventType?: string;
  paymentLinkId?: string;
  /** Inclusive, epoch ms. */
  since?: number;
  /** Keyset cursor: strictly after this (created_at, id) in the chosen order. */
  after?: { createdAt: number; id: string };
  order: "asc" | "desc";
  limit: number;
}

/** Keyset pagination over (created_at, id), stable under concurrent inserts. */
export async function listMessages(db: Db, tenantId: string, query: MessageQuery): Promise<Message[]> {
  const cmp = query.order === "asc" ? ">" : "<";
  const dir = query.order === "asc" ? "ASC" : "DESC";
  const rows = await db.query(
    `SELECT * FROM bridge_messages
     WHERE tenant_id = $1
       AND (CAST($2 AS TEXT) IS NULL OR event_type = $2)
       AND (CAST($3 AS TEXT) IS NULL OR payment_link_id = $3)
       AND created_at >= $4
       AND (CAST($5 AS TEXT) IS NULL OR created_at ${cmp} $6 OR (created_at = $6 AND id ${cmp} $5))
     ORDER BY created_at ${dir}, id ${dir} LIMIT $7`,
    [
      tenantId,
      query.eventType ?? null,
      query.paymentLinkId ?? null,
      query.since ?? 0,
      query.after?.id ?? null,
      query.after?.createdAt ?? 0,
      query.limit,
    ],
  );
  return rows.map(toMessage);
}
