import type { PaymentLink, StorageOps } from "@alma-suite/core/storage";
import { type Db, str } from "../db/bridge-db.ts";

export interface PaymentQuery {
  states?: readonly string[];
  orderReference?: string;
  createdFrom?: number;
  createdTo?: number;
  before?: { at: number; id: string };
  limit: number;
}

/**
 * Keyset pagination over the merchant's checkouts, newest first. Core's storage lists by state
 * only, so this reads core's `payment_links` table directly (read-only, scoped by tenant) and
 * then loads each row through core so the mapping stays core's.
 */
export async function listPayments(
  db: Db,
  storage: StorageOps,
  tenantId: string,
  query: PaymentQuery,
): Promise<PaymentLink[]> {
  const rows = await db.query(
    `SELECT id, created_at FROM payment_links
     WHERE tenant_id = $1
       AND (CAST($2 AS TEXT) IS NULL OR ',' || CAST($2 AS TEXT) || ',' LIKE '%,' || state || ',%')
       AND (CAST($3 AS TEXT) IS NULL OR platform_order_ref = $3)
       AND created_at >= $4 AND created_at < $5
       AND (CAST($6 AS TEXT) IS NULL OR created_at < $7 OR (created_at = $7 AND id < $6))
     ORDER BY created_at DESC, id DESC LIMIT $8`,
    [
      tenantId,
      query.states && query.states.length > 0 ? query.states.join(",") : null,
      query.orderReference ?? null,
      query.createdFrom ?? 0,
      query.createdTo ?? Number.MAX_SAFE_INTEGER,
      query.before?.id ?? null,
      query.before?.at ?? 0,
      query.limit,
    ],
  );
  const links = await Promise.all(rows.map((row) => storage.getPaymentLink(tenantId, str(row, "id"))));
  return links.filter((link): link is PaymentLink => link !== null);
}
