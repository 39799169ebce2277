import {
  AlmaAuthenticationError,
  AlmaConnectionError,
  AlmaError,
  AlmaRateLimitError,
  maskSecret,
} from "@alma-suite/core";
import type { Tenant } from "@alma-suite/core/storage";
import type { BridgeContext } from "../bridge-context.ts";
import { problem } from "../http/problem.ts";
import { merchantExternalId } from "./find-merchant.ts";

export interface UpsertMerchantInput {
  agencyId: string;
  merchantRef: string;
  name: string;
  almaMode?: "test" | "live";
  almaTestKey?: string;
  almaLiveKey?: string;
}

type Result = { ok: true; tenant: Tenant; created: boolean } | ReturnType<typeof problem>;

/**
 * Creates or updates an agency's merchant (a core tenant of platform `bridge`) with its own Alma
 * keys. Keys are checked with Alma before they are stored (encrypted, by core) so that a typo
 * fails here and not at the customer's checkout.
 */
export async function upsertMerchant(
  ctx: Pick<BridgeContext, "storage" | "almaWithKey" | "logger">,
  input: UpsertMerchantInput,
): Promise<Result> {
  for (const [field, key] of [
    ["alma_test_key", input.almaTestKey],
    ["alma_live_key", input.almaLiveKey],
  ] as const) {
    if (key === undefined) continue;
    const refused = await checkKey(ctx, key);
    if (refused) return problem(refused.slug, refused.detail, { field });
  }
  const externalId = merchantExternalId(input.agencyId, input.merchantRef);
  const existing = await ctx.storage.findTenantByExternalId("bridge", externalId);
  const mode = input.almaMode ?? existing?.almaMode ?? "test";
  const hasLive =
    input.almaLiveKey !== undefined ||
    (existing ? (await ctx.storage.getSecret(existing.id, "alma_live_key")) !== null : false);
  if (mode === "live" && !hasLive) {
    return problem("validation_error", "live mode needs an alma_live_key", { field: "alma_live_key" });
  }
  const tenant = await ctx.storage.transaction(async (tx) => {
    const { tenant: created, created: isNew } = await tx.createTenant({
      platform: "bridge",
      externalId,
      name: input.name,
      almaMode: mode,
      settings: { agencyId: input.agencyId, merchantRef: input.merchantRef },
    });
    const updated = isNew
      ? created
      : await tx.updateTenant(created.id, { name: input.name, almaMode: mode, status: "active" });
    if (input.almaTestKey !== undefined) await tx.setSecret(created.id, "alma_test_key", input.almaTestKey);
    if (input.almaLiveKey !== undefined) await tx.setSecret(created.id, "alma_live_key", input.almaLiveKey);
    return { tenant: updated ?? created, created: isNew };
  });
  ctx.logger.info(
    {
      agencyId: input.agencyId,
      tenantId: tenant.tenant.id,
      almaMode: mode,
      testKey: input.almaTestKey ? maskSecret(input.almaTestKey) : undefined,
      liveKey: input.almaLiveKey ? maskSecret(input.almaLiveKey) : undefined,
    },
    tenant.created ? "bridge merchant created" : "bridge merchant updated",
  );
  return { ok: true, ...tenant };
}

async function checkKey(
  ctx: Pick<BridgeContext, "almaWithKey">,
  key: string,
): Promise<{ slug: "alma_key_rejected" | "alma_unavailable"; detail: string } | undefined> {
  try {
    await ctx.almaWithKey(key).merchant.me();
    return undefined;
  } catch (error) {
    if (!(error instanceof AlmaError)) throw error;
    if (
      error instanceof AlmaConnectionError ||
      error instanceof AlmaRateLimitError ||
      (error.status ?? 0) >= 500
    ) {
      return { slug: "alma_unavailable", detail: "Alma could not be reached to check the key" };
    }
    const why = error instanceof AlmaAuthenticationError ? "" : `: ${error.message}`;
    return { slug: "alma_key_rejected", detail: `Alma refused ${maskSecret(key)}${why}` };
  }
}
