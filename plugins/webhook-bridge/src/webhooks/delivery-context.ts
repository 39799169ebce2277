import { bool, type Db, numOrNull, type Row, str } from "../db/bridge-db.ts";
import { type Delivery, toDelivery } from "../events/delivery-store.ts";

/** What one attempt needs, read in one statement: the delivery, its endpoint's state and the message body. */
export interface DeliveryContext {
  delivery: Delivery;
  endpoint: {
    id: string;
    tenantId: string;
    url: string;
    enabled: boolean;
    deleted: boolean;
    failingSince: number | null;
    previousSecretUntil: number | null;
  };
  message: { id: string; body: string };
}

/**
 * Reads the contexts of several deliveries in one statement (jobs leased together start together),
 * keyed by delivery id; a delivery that no longer exists is missing from the map. The ids go as one
 * JSON array, so the statement's text, and its prepared plan, is the same for any group size.
 */
export async function loadDeliveryContexts(
  db: Db,
  deliveryIds: readonly string[],
): Promise<Map<string, DeliveryContext | Error>> {
  // PostgreSQL guesses 100 rows for any JSON set and would then scan the whole table; an array
  // compared with `= ANY` is looked up in the primary key.
  const match =
    db.dialect === "postgres"
      ? "d.id = ANY (ARRAY(SELECT json_array_elements_text($1::json)))"
      : "d.id IN (SELECT value FROM json_each($1))";
  const rows = await db.query(
    `SELECT d.*, e.url AS e_url, e.enabled AS e_enabled, e.deleted_at AS e_deleted_at,
       e.failing_since AS e_failing_since, e.previous_secret_until AS e_previous_secret_until, m.body AS m_body
     FROM bridge_deliveries d
     JOIN bridge_endpoints e ON e.id = d.endpoint_id
     JOIN bridge_messages m ON m.id = d.message_id
     WHERE ${match}`,
    [JSON.stringify(deliveryIds)],
  );
  const contexts = new Map<string, DeliveryContext | Error>();
  for (const row of rows) {
    // A row that does not read (schema and code disagree) fails its own delivery, not the group's.
    try {
      const context = toContext(row);
      contexts.set(context.delivery.id, context);
    } catch (error) {
      contexts.set(String(row.id), error instanceof Error ? error : new Error(String(error)));
    }
  }
  return contexts;
}

function toContext(row: Row): DeliveryContext {
  const delivery = toDelivery(row);
  return {
    delivery,
    endpoint: {
      id: delivery.endpointId,
      tenantId: delivery.tenantId,
      url: str(row, "e_url"),
      enabled: bool(row, "e_enabled"),
      deleted: numOrNull(row, "e_deleted_at") !== null,
      failingSince: numOrNull(row, "e_failing_since"),
      previousSecretUntil: numOrNull(row, "e_previous_secret_until"),
    },
    message: { id: delivery.messageId, body: str(row, "m_body") },
  };
}
