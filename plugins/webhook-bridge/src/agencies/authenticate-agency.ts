import { constantTimeEqual } from "@alma-suite/core";
import type { Db } from "../db/bridge-db.ts";
import { getAgency, getApiKey, touchApiKey } from "./agency-store.ts";
import { hashSecret, parseApiKeyToken } from "./api-key-token.ts";

export type AgencyAuth =
  | { ok: true; agencyId: string; apiKeyId: string }
  | { ok: false; reason: "missing" | "malformed" | "unknown_key" | "revoked" | "agency_disabled" };

/** `Authorization: Bearer abk_…`. The hash is compared in constant time; a revoked key is refused. */
export async function authenticateAgency(
  db: Db,
  header: string | undefined,
  now: number,
): Promise<AgencyAuth> {
  if (!header) return { ok: false, reason: "missing" };
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  const parsed = match?.[1] ? parseApiKeyToken(match[1]) : undefined;
  if (!parsed) return { ok: false, reason: "malformed" };
  const key = await getApiKey(db, parsed.keyId);
  // Hash even when the key is unknown so both paths cost the same.
  const presented = hashSecret(parsed.secret);
  if (!key || !constantTimeEqual(presented, key.secretHash)) return { ok: false, reason: "unknown_key" };
  if (key.revokedAt !== null) return { ok: false, reason: "revoked" };
  const agency = await getAgency(db, key.agencyId);
  if (agency?.status !== "active") return { ok: false, reason: "agency_disabled" };
  await touchApiKey(db, key.id, now);
  return { ok: true, agencyId: agency.id, apiKeyId: key.id };
}
