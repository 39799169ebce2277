import { bool, type Db, num, type Row, str } from "../db/bridge-db.ts";

/** The order as the agency has been told about it, which is what the platform contract moves. */
export const BRIDGE_ORDER_STATUSES = [
  "pending",
  "on_hold",
  "authorized",
  "paid",
  "failed",
  "cancelled",
  "expired",
  "refunded",
] as const;
export type BridgeOrderStatus = (typeof BRIDGE_ORDER_STATUSES)[number];

export interface BridgeOrder {
  paymentLinkId: string;
  tenantId: string;
  status: BridgeOrderStatus;
  amountCents: number;
  refundedCents: number;
  /** How many times the order became paid; the contract demands at most one. */
  paidTransitions: number;
  /** Nothing left to watch at Alma (fully paid, refunded, or never accepted). */
  settled: boolean;
  syncedAt: number;
  createdAt: number;
}

function toOrder(row: Row): BridgeOrder {
  const status = str(row, "status");
  const known = BRIDGE_ORDER_STATUSES.find((s) => s === status);
  if (!known) throw new TypeError(`bridge order has unknown status ${status}`);
  return {
    paymentLinkId: str(row, "payment_link_id"),
    tenantId: str(row, "tenant_id"),
    status: known,
    amountCents: num(row, "amount_cents"),
    refundedCents: num(row, "refunded_cents"),
    paidTransitions: num(row, "paid_transitions"),
    settled: bool(row, "settled"),
    syncedAt: num(row, "synced_at"),
    createdAt: num(row, "created_at"),
  };
}

export async function ensureOrder(
  db: Db,
  input: { tenantId: string; paymentLinkId: string; amountCents: number; now: number },
): Promise<void> {
  await db.execute(
    `INSERT INTO bridge_orders (payment_link_id, tenant_id, status, amount_cents, refunded_cents, paid_transitions,
       settled, synced_at, created_at, updated_at)
     VALUES ($1, $2, 'pending', $3, 0, 0, 0, $4, $4, $4) ON CONFLICT (payment_link_id) DO NOTHING`,
    [input.paymentLinkId, input.tenantId, input.amountCents, input.now],
  );
}

/**
 * Reads the order after writing to its row, which on PostgreSQL holds the row lock until commit:
 * every change to one order is serialised, whatever else runs concurrently.
 */
export async function lockOrder(
  db: Db,
  tenantId: string,
  paymentLinkId: string,
  now: number,
): Promise<BridgeOrder | null> {
  const rows = await db.query(
    "UPDATE bridge_orders SET updated_at = $3 WHERE tenant_id = $1 AND payment_link_id = $2 RETURNING *",
    [tenantId, paymentLinkId, now],
  );
  return rows[0] ? toOrder(rows[0]) : null;
}

export async function getOrder(db: Db, tenantId: string, paymentLinkId: string): Promise<BridgeOrder | null> {
  const rows = await db.query("SELECT * FROM bridge_orders WHERE tenant_id = $1 AND payment_link_id = $2", [
    tenantId,
    paymentLinkId,
  ]);
  return rows[0] ? toOrder(rows[0]) : null;
}

/** Compare-and-set on the status; `countPaid` records a transition to paid, `settled` sets the flag. */
export async function moveOrder(
  db: Db,
  order: BridgeOrder,
  from: readonly BridgeOrderStatus[],
  to: BridgeOrderStatus,
  now: number,
  options: { countPaid?: boolean; settled?: boolean } = {},
): Promise<boolean> {
  if (!from.includes(order.status)) return false;
  const settled = options.settled === undefined ? -1 : options.settled ? 1 : 0;
  const changed = await db.execute(
    `UPDATE bridge_orders SET status = $3, updated_at = $4,
       paid_transitions = paid_transitions + $5, settled = CASE WHEN $6 = -1 THEN settled ELSE $6 END
     WHERE tenant_id = $1 AND payment_link_id = $2 AND status = $7`,
    [order.tenantId, order.paymentLinkId, to, now, options.countPaid ? 1 : 0, settled, order.status],
  );
  return changed > 0;
}

/** Adds a refund unless it would exceed the order; returns the new refunded total, or null. */
export async function addOrderRefund(
  db: Db,
  order: BridgeOrder,
  amountCents: number,
  now: number,
): Promise<number | null> {
  const rows = await db.query(
    `UPDATE bridge_orders SET refunded_cents = refunded_cents + $3, updated_at = $4,
       status = CASE WHEN refunded_cents + $3 = amount_cents THEN 'refunded' ELSE status END,
       settled = CASE WHEN refunded_cents + $3 = amount_cents THEN 1 ELSE settled END
     WHERE tenant_id = $1 AND payment_link_id = $2 AND refunded_cents + $3 <= amount_cents
       AND status IN ('paid', 'refunded')
     RETURNING refunded_cents`,
    [order.tenantId, order.paymentLinkId, amountCents, now],
  );
  return rows[0] ? num(rows[0], "refunded_cents") : null;
}

export async function markOrderSynced(
  db: Db,
  paymentLinkId: string,
  now: number,
  settled: boolean,
): Promise<void> {
  await db.execute(
    "UPDATE bridge_orders SET synced_at = $2, settled = CASE WHEN $3 = 1 THEN 1 ELSE settled END WHERE payment_link_id = $1",
    [paymentLinkId, now, settled ? 1 : 0],
  );
}

/** Open orders least recently synced first: each reconciliation pass makes progress through all of them. */
export async function listOrdersToSync(db: Db, syncedBefore: number, limit: number): Promise<BridgeOrder[]> {
  const rows = await db.query(
    "SELECT * FROM bridge_orders WHERE settled = 0 AND synced_at < $1 ORDER BY synced_at, payment_link_id LIMIT $2",
    [syncedBefore, limit],
  );
  return rows.map(toOrder);
}

/**
 * Claims the creation of the checkout's Alma payment until `until`; false while another request
 * holds an unexpired claim. A crashed holder's claim simply expires.
 */
export async function claimPaymentCreation(
  db: Db,
  paymentLinkId: string,
  now: number,
  until: number,
): Promise<boolean> {
  const changed = await db.execute(
    `UPDATE bridge_orders SET creating_until = $3
     WHERE payment_link_id = $1 AND (creating_until IS NULL OR creating_until <= $2)`,
    [paymentLinkId, now, until],
  );
  return changed > 0;
}

export async function releasePaymentCreation(db: Db, paymentLinkId: string): Promise<void> {
  await db.execute("UPDATE bridge_orders SET creating_until = NULL WHERE payment_link_id = $1", [
    paymentLinkId,
  ]);
}
