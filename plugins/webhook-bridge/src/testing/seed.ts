import type { Tenant } from "@alma-suite/core/storage";
import type { BridgeContext } from "../bridge-context.ts";
import type { EventType } from "../events/event-types.ts";
import { publishEvent } from "../events/publish-event.ts";
import type { Endpoint } from "../webhooks/endpoint-store.ts";
import { createEndpoint } from "../webhooks/manage-endpoints.ts";

/** A bridge merchant straight in storage, for tests that are not about the merchant API. */
export async function seedMerchant(
  ctx: BridgeContext,
  ref = "shop-1",
  agencyId = "agy_test",
): Promise<Tenant> {
  const { tenant } = await ctx.storage.createTenant({
    platform: "bridge",
    externalId: `${agencyId}:${ref}`,
    name: ref,
    settings: { agencyId, merchantRef: ref },
  });
  await ctx.storage.setSecret(tenant.id, "alma_test_key", "sk_test_seededMerchant01");
  return tenant;
}

export async function seedEndpoint(
  ctx: BridgeContext,
  merchant: Tenant,
  url: string,
  eventTypes: string[] | null = null,
): Promise<{ endpoint: Endpoint; secret: string }> {
  const result = await createEndpoint(ctx, merchant, { url, description: "", eventTypes, enabled: true });
  if (!result.ok) throw new Error(result.problem.detail);
  return result;
}

export async function seedEvent(
  ctx: BridgeContext,
  merchant: Tenant,
  type: EventType,
  key: string,
  data: Record<string, unknown> = {},
) {
  return ctx.storage.transaction((tx) =>
    publishEvent(tx, { tenantId: merchant.id, type, eventKey: key, data, now: ctx.now() }),
  );
}
