import { type Db, num, numOrNull, type Row, str, strOrNull } from "../db/bridge-db.ts";

export type DeliveryStatus = "pending" | "succeeded" | "failed";

/** One message headed to one endpoint: the original send (`origin_key` = event), a replay or a test. */
export interface Delivery {
  id: string;
  tenantId: string;
  messageId: string;
  endpointId: string;
  originKey: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastResponseStatus: number | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
}

export interface Attempt {
  id: string;
  deliveryId: string;
  messageId: string;
  endpointId: string;
  attempt: number;
  status: "succeeded" | "failed";
  responseStatus: number | null;
  responseBody: string | null;
  error: string | null;
  latencyMs: number;
  startedAt: number;
}

export function toDelivery(row: Row): Delivery {
  return {
    id: str(row, "id"),
    tenantId: str(row, "tenant_id"),
    messageId: str(row, "message_id"),
    endpointId: str(row, "endpoint_id"),
    originKey: str(row, "origin_key"),
    status: str(row, "status") as DeliveryStatus,
    attempts: num(row, "attempts"),
    nextAttemptAt: numOrNull(row, "next_attempt_at"),
    lastResponseStatus: numOrNull(row, "last_response_status"),
    lastError: strOrNull(row, "last_error"),
    createdAt: num(row, "created_at"),
    updatedAt: num(row, "updated_at"),
  };
}

function toAttempt(row: Row): Attempt {
  return {
    id: str(row, "id"),
    deliveryId: str(row, "delivery_id"),
    messageId: str(row, "message_id"),
    endpointId: str(row, "endpoint_id"),
    attempt: num(row, "attempt"),
    status: str(row, "status") === "succeeded" ? "succeeded" : "failed",
    responseStatus: numOrNull(row, "response_status"),
    responseBody: strOrNull(row, "response_body"),
    error: strOrNull(row, "error"),
    latencyMs: num(row, "latency_ms"),
    startedAt: num(row, "started_at"),
  };
}

/** Insert-or-ignore by (message, endpoint, origin); returns the row only when this call created it. */
export async function insertDelivery(
  db: Db,
  input: {
    id: string;
    tenantId: string;
    messageId: string;
    endpointId: string;
    originKey: string;
    now: number;
  },
): Promise<Delivery | null> {
  const rows = await db.query(
    `INSERT INTO bridge_deliveries (id, tenant_id, message_id, endpoint_id, origin_key, status, attempts, next_attempt_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, $6, $6)
     ON CONFLICT (message_id, endpoint_id, origin_key) DO NOTHING RETURNING *`,
    [input.id, input.tenantId, input.messageId, input.endpointId, input.originKey, input.now],
  );
  return rows[0] ? toDelivery(rows[0]) : null;
}

export async function getDelivery(db: Db, id: string): Promise<Delivery | null> {
  const rows = await db.query("SELECT * FROM bridge_deliveries WHERE id = $1", [id]);
  return rows[0] ? toDelivery(rows[0]) : null;
}

export async function listDeliveriesOfMessage(
  db: Db,
  tenantId: string,
  messageId: string,
): Promise<Delivery[]> {
  const rows = await db.query(
    "SELECT * FROM bridge_deliveries WHERE tenant_id = $1 AND message_id = $2 ORDER BY created_at, id",
    [tenantId, messageId],
  );
  return rows.map(toDelivery);
}

/**
 * Records attempt `attempt` and the delivery's new state in one go. Fenced on the attempt number,
 * so a job re-run after a crash that already recorded this attempt changes nothing (returns false).
 * On PostgreSQL it is one statement, atomic on its own (one round trip, no transaction needed); on
 * SQLite, which has no writing CTEs, two statements that the caller runs inside a transaction.
 */
export async function recordAttempt(
  db: Db,
  input: {
    attempt: Attempt & { tenantId: string };
    status: DeliveryStatus;
    nextAttemptAt: number | null;
    now: number;
  },
): Promise<boolean> {
  const a = input.attempt;
  const move = `UPDATE bridge_deliveries SET attempts = $2, status = $3, next_attempt_at = $4,
       last_response_status = $5, last_error = $6, updated_at = $7
     WHERE id = $1 AND attempts = $2 - 1 AND status = 'pending'`;
  const moveParams = [
    a.deliveryId,
    a.attempt,
    input.status,
    input.nextAttemptAt,
    a.responseStatus,
    a.error,
    input.now,
  ];
  const columns = `id, tenant_id, delivery_id, message_id, endpoint_id, attempt, status,
       response_status, response_body, error, latency_ms, started_at`;
  const row = [
    a.id,
    a.tenantId,
    a.messageId,
    a.endpointId,
    a.status,
    a.responseBody,
    a.latencyMs,
    a.startedAt,
  ];
  if (db.dialect === "postgres") {
    // $1, $2, $5 and $6 are shared with the UPDATE (delivery id, attempt number, response status, error).
    const rows = await db.query(
      `WITH moved AS (${move} RETURNING id)
       INSERT INTO bridge_attempts (${columns})
       SELECT $8::text, $9::text, moved.id, $10::text, $11::text, $2, $12::text, $5, $13::text, $6, $14::integer,
         $15::bigint FROM moved
       RETURNING id`,
      [...moveParams, ...row],
    );
    return rows.length === 1;
  }
  if ((await db.execute(move, moveParams)) === 0) return false;
  await db.execute(
    `INSERT INTO bridge_attempts (${columns})
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [
      a.id,
      a.tenantId,
      a.deliveryId,
      a.messageId,
      a.endpointId,
      a.attempt,
      a.status,
      a.responseStatus,
      a.responseBody,
      a.error,
      a.latencyMs,
      a.startedAt,
    ],
  );
  return true;
}

/** Ends a delivery without an attempt (its endpoint was disabled or deleted meanwhile). */
export async function abandonDelivery(db: Db, id: string, reason: string, now: number): Promise<void> {
  await db.execute(
    `UPDATE bridge_deliveries SET status = 'failed', next_attempt_at = NULL, last_error = $2, updated_at = $3
     WHERE id = $1 AND status = 'pending'`,
    [id, reason, now],
  );
}

export async function listAttempts(
  db: Db,
  tenantId: string,
  filter: {
    messageId?: string;
    endpointId?: string;
    status?: "succeeded" | "failed";
    before?: { startedAt: number; id: string };
    limit: number;
  },
): Promise<Attempt[]> {
  const rows = await db.query(
    `SELECT * FROM bridge_attempts
     WHERE tenant_id = $1
       AND (CAST($2 AS TEXT) IS NULL OR message_id = $2)
       AND (CAST($3 AS TEXT) IS NULL OR endpoint_id = $3)
       AND (CAST($4 AS TEXT) IS NULL OR status = $4)
       AND (CAST($5 AS TEXT) IS NULL OR started_at < $6 OR (started_at = $6 AND id < $5))
     ORDER BY started_at DESC, id DESC LIMIT $7`,
    [
      tenantId,
      filter.messageId ?? null,
      filter.endpointId ?? null,
      filter.status ?? null,
      filter.before?.id ?? null,
      filter.before?.startedAt ?? 0,
      filter.limit,
    ],
  );
  return rows.map(toAttempt);
}
