import type { DashboardDelivery } from "@alma-suite/core";
import { type Db, num, numOrNull, type Row, str } from "../db/bridge-db.ts";

/**
 * The dashboard's status, computed in SQL so it can be filtered on: a pending delivery that has
 * already been attempted is `failed` (a retry is scheduled); a failed one has no attempts left.
 */
const STATUS = `CASE
  WHEN d.status = 'succeeded' THEN 'delivered'
  WHEN d.status = 'failed' THEN 'exhausted'
  WHEN d.attempts > 0 THEN 'failed'
  ELSE 'pending' END`;

function toDashboardDelivery(row: Row): DashboardDelivery {
  const attempts = num(row, "attempts");
  return {
    id: str(row, "id"),
    messageId: str(row, "message_id"),
    eventType: str(row, "event_type"),
    endpointUrl: str(row, "endpoint_url"),
    status: str(row, "dashboard_status") as DashboardDelivery["status"],
    attempts,
    lastStatusCode: numOrNull(row, "last_response_status"),
    // The row changes at every recorded attempt, so its update time is the last attempt's.
    lastAttemptAt: attempts > 0 ? num(row, "updated_at") : null,
    nextAttemptAt: str(row, "status") === "pending" ? numOrNull(row, "next_attempt_at") : null,
  };
}

/** One tenant's deliveries, newest first, with their message's event type and endpoint URL. */
export async function listDashboardDeliveries(
  db: Db,
  tenantId: string,
  query: { status?: DashboardDelivery["status"]; id?: string; limit?: number },
): Promise<DashboardDelivery[]> {
  const rows = await db.query(
    `SELECT * FROM (
       SELECT d.id, d.message_id, d.status, d.attempts, d.last_response_status, d.next_attempt_at, d.updated_at,
         d.created_at, m.event_type, e.url AS endpoint_url, ${STATUS} AS dashboard_status
       FROM bridge_deliveries d
       JOIN bridge_messages m ON m.id = d.message_id AND m.tenant_id = d.tenant_id
       JOIN bridge_endpoints e ON e.id = d.endpoint_id AND e.tenant_id = d.tenant_id
       WHERE d.tenant_id = $1 AND (CAST($3 AS TEXT) IS NULL OR d.id = $3)
     ) AS listed
     WHERE CAST($2 AS TEXT) IS NULL OR dashboard_status = $2
     ORDER BY created_at DESC, id DESC LIMIT $4`,
    [tenantId, query.status ?? null, query.id ?? null, Math.min(Math.max(query.limit ?? 100, 1), 500)],
  );
  return rows.map(toDashboardDelivery);
}
