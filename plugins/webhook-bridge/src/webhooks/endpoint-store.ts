import { bool, type Db, num, numOrNull, type Row, str, strOrNull } from "../db/bridge-db.ts";

export interface Endpoint {
  id: string;
  tenantId: string;
  url: string;
  description: string;
  /** null = every event type. */
  eventTypes: string[] | null;
  enabled: boolean;
  disabledReason: string | null;
  failingSince: number | null;
  /** Until then the previous secret signs beside the current one. */
  previousSecretUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

export const secretName = (endpointId: string) => `bridge_webhook_secret:${endpointId}`;
export const previousSecretName = (endpointId: string) => `bridge_webhook_secret_previous:${endpointId}`;

function toEndpoint(row: Row): Endpoint {
  const types = strOrNull(row, "event_types");
  return {
    id: str(row, "id"),
    tenantId: str(row, "tenant_id"),
    url: str(row, "url"),
    description: str(row, "description"),
    eventTypes: types === null ? null : (JSON.parse(types) as string[]),
    enabled: bool(row, "enabled"),
    disabledReason: strOrNull(row, "disabled_reason"),
    failingSince: numOrNull(row, "failing_since"),
    previousSecretUntil: numOrNull(row, "previous_secret_until"),
    createdAt: num(row, "created_at"),
    updatedAt: num(row, "updated_at"),
  };
}

export function endpointWants(endpoint: Endpoint, eventType: string): boolean {
  return endpoint.eventTypes === null || endpoint.eventTypes.includes(eventType);
}

export async function insertEndpoint(
  db: Db,
  input: {
    id: string;
    tenantId: string;
    url: string;
    description: string;
    eventTypes: string[] | null;
    enabled: boolean;
    now: number;
  },
): Promise<Endpoint> {
  const rows = await db.query(
    `INSERT INTO bridge_endpoints (id, tenant_id, url, description, event_types, enabled, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
    [
      input.id,
      input.tenantId,
      input.url,
      input.description,
      input.eventTypes === null ? null : JSON.stringify(input.eventTypes),
      input.enabled ? 1 : 0,
      input.now,
    ],
  );
  if (!rows[0]) throw new Error("endpoint insert returned nothing");
  return toEndpoint(rows[0]);
}

/** Scoped by tenant: another merchant's endpoint id finds nothing. Deleted endpoints are gone for callers. */
export async function getEndpoint(db: Db, tenantId: string, id: string): Promise<Endpoint | null> {
  const rows = await db.query(
    "SELECT * FROM bridge_endpoints WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL",
    [tenantId, id],
  );
  return rows[0] ? toEndpoint(rows[0]) : null;
}

export async function listEndpoints(
  db: Db,
  tenantId: string,
  options: { enabledOnly?: boolean } = {},
): Promise<Endpoint[]> {
  const rows = await db.query(
    `SELECT * FROM bridge_endpoints WHERE tenant_id = $1 AND deleted_at IS NULL
       AND ($2 = 0 OR enabled = 1)
     ORDER BY created_at, id`,
    [tenantId, options.enabledOnly ? 1 : 0],
  );
  return rows.map(toEndpoint);
}

export interface EndpointPatch {
  url?: string;
  description?: string;
  eventTypes?: string[] | null;
  enabled?: boolean;
}

export async function updateEndpoint(
  db: Db,
  tenantId: string,
  id: string,
  patch: EndpointPatch,
  now: number,
): Promise<Endpoint | null> {
  const sets: string[] = [];
  const params: (string | number | null)[] = [tenantId, id, now];
  const set = (column: string, value: string | number | null) => {
    params.push(value);
    sets.push(`${column} = $${params.length}`);
  };
  if (patch.url !== undefined) set("url", patch.url);
  if (patch.description !== undefined) set("description", patch.description);
  if (patch.eventTypes !== undefined)
    set("event_types", patch.eventTypes === null ? null : JSON.stringify(patch.eventTypes));
  if (patch.enabled !== undefined) {
    set("enabled", patch.enabled ? 1 : 0);
    // Re-enabling starts a fresh failure window; the reason of the last disabling no longer applies.
    if (patch.enabled) sets.push("disabled_reason = NULL", "failing_since = NULL");
  }
  const rows = await db.query(
    `UPDATE bridge_endpoints SET ${[...sets, "updated_at = $3"].join(", ")}
     WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL RETURNING *`,
    params,
  );
  return rows[0] ? toEndpoint(rows[0]) : null;
}

export async function deleteEndpoint(db: Db, tenantId: string, id: string, now: number): Promise<boolean> {
  const changed = await db.execute(
    `UPDATE bridge_endpoints SET deleted_at = $3, enabled = 0, updated_at = $3
     WHERE tenant_id = $1 AND id = $2 AND deleted_at IS NULL`,
    [tenantId, id, now],
  );
  return changed > 0;
}

/** Compare-and-set so a concurrent re-enable is not overwritten; true if this call disabled it. */
export async function disableEndpoint(
  db: Db,
  endpointId: string,
  reason: string,
  now: number,
): Promise<boolean> {
  const changed = await db.execute(
    "UPDATE bridge_endpoints SET enabled = 0, disabled_reason = $2, updated_at = $3 WHERE id = $1 AND enabled = 1",
    [endpointId, reason, now],
  );
  return changed > 0;
}

/** Starts the failure window at the first failure after a success; returns when it started. */
export async function noteEndpointFailure(db: Db, endpointId: string, now: number): Promise<number> {
  const rows = await db.query(
    `UPDATE bridge_endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1 RETURNING failing_since`,
    [endpointId, now],
  );
  return rows[0] ? num(rows[0], "failing_since") : now;
}

export async function noteEndpointSuccess(db: Db, endpointId: string): Promise<void> {
  await db.execute(
    "UPDATE bridge_endpoints SET failing_since = NULL WHERE id = $1 AND failing_since IS NOT NULL",
    [endpointId],
  );
}

/**
 * Starts a secret overlap ending at `until`, unless one is still running: false then. One
 * conditional UPDATE, so of two rotations racing on PostgreSQL the second waits for the first's
 * row lock, sees its overlap and loses, instead of both passing a check read before.
 */
export async function startSecretOverlap(
  db: Db,
  endpointId: string,
  until: number,
  now: number,
): Promise<boolean> {
  const changed = await db.execute(
    `UPDATE bridge_endpoints SET previous_secret_until = $2, updated_at = $3
     WHERE id = $1 AND (previous_secret_until IS NULL OR previous_secret_until <= $3)`,
    [endpointId, until, now],
  );
  return changed > 0;
}

/** The delivery job reads its endpoint by id alone (it carries no tenant), deleted or not. */
export async function getEndpointForDelivery(
  db: Db,
  id: string,
): Promise<(Endpoint & { deleted: boolean }) | null> {
  const rows = await db.query("SELECT * FROM bridge_endpoints WHERE id = $1", [id]);
  return rows[0] ? { ...toEndpoint(rows[0]), deleted: numOrNull(rows[0], "deleted_at") !== null } : null;
}
