import { maskSecret } from "@alma-suite/core";
import type { StorageOps, Tenant } from "@alma-suite/core/storage";
import { z } from "zod";
import { isoTime } from "../http/views.ts";
import { merchantRefOf } from "./find-merchant.ts";

export const merchantViewSchema = z.object({
  object: z.literal("merchant"),
  id: z.string().describe("Our tenant id; it appears in the URLs Alma calls"),
  merchant_ref: z.string(),
  name: z.string(),
  alma_mode: z.enum(["test", "live"]),
  alma_test_key: z.string().nullable().describe("Masked"),
  alma_live_key: z.string().nullable().describe("Masked"),
  created_at: z.string(),
});

export async function merchantView(
  storage: StorageOps,
  tenant: Tenant,
): Promise<z.infer<typeof merchantViewSchema>> {
  const masked = async (name: string) => {
    const value = await storage.getSecret(tenant.id, name);
    return value === null ? null : maskSecret(value);
  };
  return {
    object: "merchant",
    id: tenant.id,
    merchant_ref: merchantRefOf(tenant),
    name: tenant.name,
    alma_mode: tenant.almaMode,
    alma_test_key: await masked("alma_test_key"),
    alma_live_key: await masked("alma_live_key"),
    created_at: isoTime(tenant.createdAt) ?? "",
  };
}
