import { bool, type Db, numOrNull, str } from "../db/bridge-db.ts";
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

export async function loadDeliveryContext(db: Db, deliveryId: string): Promise<DeliveryContext | null> {
  const rows = await db.query(
    `SELECT d.*, e.url AS e_url, e.enabled AS e_enabled, e.deleted_at AS e_deleted_at,
       e.failing_since AS e_failing_since, e.previous_secret_until AS e_previous_secret_until, m.body AS m_body
     FROM bridge_deliveries d
     JOIN bridge_endpoints e ON e.id = d.endpoint_id
     JOIN bridge_messages m ON m.id = d.message_id
     WHERE d.id = $1`,
    [deliveryId],
  );
  const row = rows[0];
  if (!row) return null;
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
