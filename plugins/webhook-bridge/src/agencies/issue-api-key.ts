import type { StorageTransaction } from "@alma-suite/core/storage";
import { dbOf } from "../db/bridge-db.ts";
import { type Agency, type ApiKeyRecord, insertAgency, insertApiKey } from "./agency-store.ts";
import { generateApiKeyToken } from "./api-key-token.ts";

/** A new key for an agency; the token exists only in the return value (shown once, stored hashed). */
export async function issueApiKey(
  tx: StorageTransaction,
  input: { agencyId: string; label: string; now: number },
): Promise<{ key: ApiKeyRecord; token: string }> {
  const token = generateApiKeyToken();
  const key = await insertApiKey(dbOf(tx), {
    agencyId: input.agencyId,
    label: input.label,
    token,
    now: input.now,
  });
  return { key, token: token.token };
}

/** The operator onboards an agency: the agency and its first key, atomically. */
export async function createAgency(
  tx: StorageTransaction,
  input: { name: string; keyLabel: string; now: number },
): Promise<{ agency: Agency; key: ApiKeyRecord; token: string }> {
  const agency = await insertAgency(dbOf(tx), input.name, input.now);
  const issued = await issueApiKey(tx, { agencyId: agency.id, label: input.keyLabel, now: input.now });
  return { agency, ...issued };
}
