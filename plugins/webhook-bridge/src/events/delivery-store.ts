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

/** One attempt to record, with the state its delivery moves to. */
export interface AttemptOutcome {
  attempt: Attempt & { tenantId: string };
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  now: number;
}

const MOVE_DELIVERY = `UPDATE bridge_deliveries SET attempts = $2, status = $3, next_attempt_at = $4,
       last_response_status = $5, last_error = $6, updated_at = $7
     WHERE id = $1 AND attempts = $2 - 1 AND status = 'pending'`;

const ATTEMPT_COLUMNS = `id, tenant_id, delivery_id, message_id, endpoint_id, attempt, status,
       response_status, response_body, error, latency_ms, started_at`;

/**
 * Records attempts and their deliveries' new states; answers, per outcome, whether it was recorded.
 * Fenced on the attempt number, so a job re-run after a crash that already recorded its attempt
 * changes nothing (false). On PostgreSQL the whole group is one statement, atomic on its own (a
 * writing CTE over the outcomes sent as JSON): deliveries finishing together cost one round trip.
 * SQLite has no writing CTEs: two statements per outcome, which the caller runs in a transaction.
 */
export async function recordAttempts(db: Db, outcomes: readonly AttemptOutcome[]): Promise<boolean[]> {
  if (outcomes.length === 0) return [];
  if (db.dialect === "postgres") {
    const rows = await db.query(RECORD_ATTEMPTS_PG, [
      JSON.stringify(outcomes.map((o, ord) => attemptInput(o, ord))),
    ]);
    const recorded = new Set(rows.map((row) => str(row, "id")));
    return outcomes.map((o) => recorded.has(o.attempt.id));
  }
  const answers: boolean[] = [];
  for (const outcome of outcomes) {
    const a = outcome.attempt;
    const moved = await db.execute(MOVE_DELIVERY, [
      a.deliveryId,
      a.attempt,
      outcome.status,
      outcome.nextAttemptAt,
      a.responseStatus,
      a.error,
      outcome.now,
    ]);
    if (moved === 0) {
      answers.push(false);
      continue;
    }
    await db.execute(
      `INSERT INTO bridge_attempts (${ATTEMPT_COLUMNS})
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
    answers.push(true);
  }
  return answers;
}

/** One outcome as a row of RECORD_ATTEMPTS_PG's input (the names its recordset declares). */
function attemptInput(outcome: AttemptOutcome, ord: number) {
  const a = outcome.attempt;
  return {
    ord,
    delivery_id: a.deliveryId,
    attempt: a.attempt,
    delivery_status: outcome.status,
    next_attempt_at: outcome.nextAttemptAt,
    response_status: a.responseStatus,
    error: a.error,
    now: outcome.now,
    id: a.id,
    tenant_id: a.tenantId,
    message_id: a.messageId,
    endpoint_id: a.endpointId,
    status: a.status,
    response_body: a.responseBody,
    latency_ms: a.latencyMs,
    started_at: a.startedAt,
  };
}

/**
 * The same fenced move and insert as the SQLite path, for a whole group. The `= ANY` over the ids
 * makes PostgreSQL find the deliveries by primary key: joined to the JSON set alone, it guesses 100
 * rows and scans the whole table. Two outcomes of the same attempt in one group (a job run twice)
 * are one: the first in the group is kept, as the SQLite path's fence would keep it; and an attempt
 * row is inserted only for an outcome whose move happened.
 */
const RECORD_ATTEMPTS_PG = `WITH input AS (
    SELECT DISTINCT ON (delivery_id, attempt) * FROM json_to_recordset($1::json) AS i(
      ord integer, delivery_id text, attempt integer, delivery_status text, next_attempt_at bigint,
      response_status integer, error text, now bigint, id text, tenant_id text, message_id text,
      endpoint_id text, status text, response_body text, latency_ms integer, started_at bigint)
    ORDER BY delivery_id, attempt, ord
  ),
  moved AS (
    UPDATE bridge_deliveries d SET attempts = i.attempt, status = i.delivery_status,
      next_attempt_at = i.next_attempt_at, last_response_status = i.response_status,
      last_error = i.error, updated_at = i.now
    FROM input i
    WHERE d.id = ANY (ARRAY(SELECT delivery_id FROM input))
      AND d.id = i.delivery_id AND d.attempts = i.attempt - 1 AND d.status = 'pending'
    RETURNING d.id, d.attempts
  )
  INSERT INTO bridge_attempts (${ATTEMPT_COLUMNS})
  SELECT i.id, i.tenant_id, i.delivery_id, i.message_id, i.endpoint_id, i.attempt, i.status,
    i.response_status, i.response_body, i.error, i.latency_ms, i.started_at
  FROM input i JOIN moved m ON m.id = i.delivery_id AND m.attempts = i.attempt
  RETURNING id`;

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
