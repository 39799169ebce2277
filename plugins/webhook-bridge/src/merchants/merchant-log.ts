import { newId } from "@alma-suite/core/storage";
import { type Db, num, str } from "../db/bridge-db.ts";

export type LogLevel = "info" | "warn" | "error";

export interface MerchantLogEntry {
  id: string;
  level: LogLevel;
  /** Stable, e.g. `endpoint.disabled`. */
  code: string;
  message: string;
  data: Record<string, unknown>;
  at: number;
}

/** What the merchant (through its agency) is told about its integration: disabled endpoints, refused refunds… */
export async function appendMerchantLog(
  db: Db,
  input: {
    tenantId: string;
    level: LogLevel;
    code: string;
    message: string;
    data?: Record<string, unknown>;
    now: number;
  },
): Promise<void> {
  await db.execute(
    "INSERT INTO bridge_merchant_log (id, tenant_id, level, code, message, data, at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [
      newId("log", input.now),
      input.tenantId,
      input.level,
      input.code,
      input.message,
      JSON.stringify(input.data ?? {}),
      input.now,
    ],
  );
}

export async function listMerchantLog(
  db: Db,
  tenantId: string,
  query: { before?: { at: number; id: string }; limit: number },
): Promise<MerchantLogEntry[]> {
  const rows = await db.query(
    `SELECT * FROM bridge_merchant_log
     WHERE tenant_id = $1 AND (CAST($2 AS TEXT) IS NULL OR at < $3 OR (at = $3 AND id < $2))
     ORDER BY at DESC, id DESC LIMIT $4`,
    [tenantId, query.before?.id ?? null, query.before?.at ?? 0, query.limit],
  );
  return rows.map((row) => ({
    id: str(row, "id"),
    level: str(row, "level") as LogLevel,
    code: str(row, "code"),
    message: str(row, "message"),
    data: JSON.parse(str(row, "data")) as Record<string, unknown>,
    at: num(row, "at"),
  }));
}
