import { newId } from "@alma-suite/core/storage";
import { type Db, num, numOrNull, type Row, str } from "../db/bridge-db.ts";
import type { NewApiKeyToken } from "./api-key-token.ts";

export interface Agency {
  id: string;
  name: string;
  status: "active" | "disabled";
  createdAt: number;
}

export interface ApiKeyRecord {
  id: string;
  agencyId: string;
  label: string;
  secretHash: string;
  last4: string;
  createdAt: number;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

function toAgency(row: Row): Agency {
  return {
    id: str(row, "id"),
    name: str(row, "name"),
    status: str(row, "status") === "disabled" ? "disabled" : "active",
    createdAt: num(row, "created_at"),
  };
}

function toApiKey(row: Row): ApiKeyRecord {
  return {
    id: str(row, "id"),
    agencyId: str(row, "agency_id"),
    label: str(row, "label"),
    secretHash: str(row, "secret_hash"),
    last4: str(row, "last4"),
    createdAt: num(row, "created_at"),
    lastUsedAt: numOrNull(row, "last_used_at"),
    revokedAt: numOrNull(row, "revoked_at"),
  };
}

export async function insertAgency(db: Db, name: string, now: number): Promise<Agency> {
  const rows = await db.query(
    `INSERT INTO bridge_agencies (id, name, status, created_at, updated_at)
     VALUES ($1, $2, 'active', $3, $3) RETURNING *`,
    [newId("agy"), name, now],
  );
  if (!rows[0]) throw new Error("agency insert returned nothing");
  return toAgency(rows[0]);
}

export async function getAgency(db: Db, id: string): Promise<Agency | null> {
  const rows = await db.query("SELECT * FROM bridge_agencies WHERE id = $1", [id]);
  return rows[0] ? toAgency(rows[0]) : null;
}

export async function listAgencies(db: Db): Promise<Agency[]> {
  const rows = await db.query("SELECT * FROM bridge_agencies ORDER BY created_at, id");
  return rows.map(toAgency);
}

export async function insertApiKey(
  db: Db,
  input: { agencyId: string; label: string; token: NewApiKeyToken; now: number },
): Promise<ApiKeyRecord> {
  const rows = await db.query(
    `INSERT INTO bridge_api_keys (id, agency_id, label, secret_hash, last4, created_at)
     VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [input.token.keyId, input.agencyId, input.label, input.token.secretHash, input.token.last4, input.now],
  );
  if (!rows[0]) throw new Error("api key insert returned nothing");
  return toApiKey(rows[0]);
}

export async function getApiKey(db: Db, keyId: string): Promise<ApiKeyRecord | null> {
  const rows = await db.query("SELECT * FROM bridge_api_keys WHERE id = $1", [keyId]);
  return rows[0] ? toApiKey(rows[0]) : null;
}

export async function listApiKeys(db: Db, agencyId: string): Promise<ApiKeyRecord[]> {
  const rows = await db.query("SELECT * FROM bridge_api_keys WHERE agency_id = $1 ORDER BY created_at, id", [
    agencyId,
  ]);
  return rows.map(toApiKey);
}

/** Scoped by agency so one agency cannot revoke another's key by guessing its id. */
export async function revokeApiKey(db: Db, agencyId: string, keyId: string, now: number): Promise<boolean> {
  const changed = await db.execute(
    "UPDATE bridge_api_keys SET revoked_at = $3 WHERE agency_id = $1 AND id = $2 AND revoked_at IS NULL",
    [agencyId, keyId, now],
  );
  return changed > 0;
}

/** Coarse (one write a minute at most) so authentication does not write on every request. */
export async function touchApiKey(db: Db, keyId: string, now: number): Promise<void> {
  await db.execute(
    `UPDATE bridge_api_keys SET last_used_at = $2
     WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`,
    [keyId, now, now - 60_000],
  );
}
