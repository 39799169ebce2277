import { z } from "zod";
import { isoTime } from "../http/views.ts";
import type { Agency, ApiKeyRecord } from "./agency-store.ts";
import { displayApiKey } from "./api-key-token.ts";

export const agencyViewSchema = z.object({
  object: z.literal("agency"),
  id: z.string(),
  name: z.string(),
  status: z.enum(["active", "disabled"]),
  created_at: z.string(),
});

export const apiKeyViewSchema = z.object({
  object: z.literal("api_key"),
  id: z.string(),
  label: z.string(),
  display: z.string().describe("The key with its secret masked"),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
  revoked_at: z.string().nullable(),
});

export const issuedApiKeySchema = apiKeyViewSchema.extend({
  token: z.string().describe("The full key, shown this once: store it now, it cannot be read back"),
});

export function agencyView(agency: Agency): z.infer<typeof agencyViewSchema> {
  return {
    object: "agency",
    id: agency.id,
    name: agency.name,
    status: agency.status,
    created_at: isoTime(agency.createdAt) ?? "",
  };
}

export function apiKeyView(key: ApiKeyRecord): z.infer<typeof apiKeyViewSchema> {
  return {
    object: "api_key",
    id: key.id,
    label: key.label,
    display: displayApiKey(key.id, key.last4),
    created_at: isoTime(key.createdAt) ?? "",
    last_used_at: isoTime(key.lastUsedAt),
    revoked_at: isoTime(key.revokedAt),
  };
}
