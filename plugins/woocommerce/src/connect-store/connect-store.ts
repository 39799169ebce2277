import { randomBytes } from "node:crypto";
import { AlmaAuthenticationError, AlmaConfigurationError, AlmaError, parsePlanKey } from "@alma-suite/core";
import type { AlmaMode } from "@alma-suite/core/storage";
import { scheduleReconcile } from "../reconcile/store-reconciliation.ts";
import { storeSettingsSchema } from "../store/store-settings.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { WooClient } from "../woo/woo-client.ts";
import { WooApiError } from "../woo/woo-errors.ts";
import { ensureWebhooks } from "./ensure-webhooks.ts";
import { normalizeStoreUrl } from "./normalize-store-url.ts";
import { pushPlanLimits } from "./push-plan-limits.ts";

export interface ConnectStoreInput {
  storeUrl: string;
  consumerKey: string;
  consumerSecret: string;
  name?: string;
  almaMode: AlmaMode;
  almaTestKey?: string;
  almaLiveKey?: string;
  planKey?: string;
  payByLinkMethods?: string[];
  releasedOrderStatus?: "cancelled" | "failed";
}

export type ConnectStoreResult =
  | {
      ok: true;
      storeId: string;
      created: boolean;
      /** Paste into the WordPress gateway's settings (gateway mode). */
      gatewaySecret: string;
      webhooks: { topic: string; id: number }[];
    }
  | { ok: false; status: 400 | 422 | 502; error: string };

const fail = (status: 400 | 422 | 502, error: string): ConnectStoreResult => ({ ok: false, status, error });

/**
 * Registers (or re-registers) a WooCommerce store: the Alma key of the chosen mode is checked with
 * Alma, the consumer key with the store, then the tenant and its encrypted secrets are saved and the
 * order webhooks created with a per-store secret. Running it again updates the same tenant and
 * re-uses its webhooks and secrets.
 */
export async function connectStore(deps: WooDeps, input: ConnectStoreInput): Promise<ConnectStoreResult> {
  const normalized = normalizeStoreUrl(input.storeUrl);
  if (!normalized.ok) return fail(400, normalized.error);
  const storeUrl = normalized.url;
  if (input.planKey && !parsePlanKey(input.planKey)) return fail(400, `unknown plan ${input.planKey}`);
  const almaKey = input.almaMode === "live" ? input.almaLiveKey : input.almaTestKey;
  if (!almaKey) return fail(400, `an Alma ${input.almaMode} key is required`);
  try {
    await deps.almaWithKey(almaKey).merchant.me();
  } catch (error) {
    if (error instanceof AlmaAuthenticationError || error instanceof AlmaConfigurationError) {
      return fail(422, `Alma refused the ${input.almaMode} key`);
    }
    if (error instanceof AlmaError) return fail(502, `Alma could not be reached: ${error.message}`);
    throw error;
  }
  const woo = new WooClient({
    url: storeUrl,
    consumerKey: input.consumerKey,
    consumerSecret: input.consumerSecret,
    timeoutMs: deps.config.timeoutMs,
    ...(deps.config.ca ? { ca: deps.config.ca } : {}),
  });
  const checked = await wooCall(async () => {
    await woo.listOrders({ page: 1, perPage: 1 });
    return woo.canWrite();
  });
  if (!checked.ok) return checked.result;
  if (!checked.value) return fail(422, "the WooCommerce key is read-only; it needs Read/Write permission");

  const { tenant, created } = await deps.storage.createTenant({
    platform: "woocommerce",
    externalId: storeUrl,
    name: input.name ?? new URL(storeUrl).host,
    almaMode: input.almaMode,
    settings: { storeUrl },
  });
  const previous = storeSettingsSchema.safeParse(tenant.settings);
  const settings = storeSettingsSchema.parse({
    ...(previous.success ? previous.data : { storeUrl }),
    storeUrl,
    ...(input.planKey ? { planKey: input.planKey } : {}),
    ...(input.payByLinkMethods ? { payByLinkMethods: input.payByLinkMethods } : {}),
    ...(input.releasedOrderStatus ? { releasedOrderStatus: input.releasedOrderStatus } : {}),
  });
  const secrets: [string, string | undefined][] = [
    ["wc_consumer_key", input.consumerKey],
    ["wc_consumer_secret", input.consumerSecret],
    ["alma_test_key", input.almaTestKey],
    ["alma_live_key", input.almaLiveKey],
  ];
  for (const [name, value] of secrets) if (value) await deps.storage.setSecret(tenant.id, name, value);
  const webhookSecret = await secretOnce(deps, tenant.id, "webhook_secret", "whs");
  const gatewaySecret = await secretOnce(deps, tenant.id, "gateway_secret", "gws");

  // Not fatal: without them Alma's page is in French and admin links assume HPOS.
  const environment = await woo.storeEnvironment().catch(() => ({}) as { locale?: string; hpos?: boolean });
  const hooks = await wooCall(() =>
    ensureWebhooks(woo, `${deps.publicUrl}/woocommerce/webhooks/${tenant.id}`, webhookSecret),
  );
  if (!hooks.ok) return hooks.result;
  await deps.storage.updateTenant(tenant.id, {
    almaMode: input.almaMode,
    status: "active",
    name: input.name ?? tenant.name,
    settings: { ...settings, ...environment, webhookIds: hooks.value.map((w) => w.id) },
  });
  // Not fatal: the connector checks eligibility again for every payment.
  const limits = await pushPlanLimits(woo, deps.almaWithKey(almaKey), settings.planKey).catch(
    (error: Error) => ({ pushed: false as const, reason: error.message }),
  );
  deps.logger.info({ tenantId: tenant.id, limits }, "plan limits for the WordPress gateway");
  await scheduleReconcile(deps, tenant.id);
  deps.logger.info({ tenantId: tenant.id, storeUrl, created }, "WooCommerce store connected");
  return { ok: true, storeId: tenant.id, created, gatewaySecret, webhooks: hooks.value };
}

/** Generated on first connection, then kept: reconnecting must not break the installed gateway. */
async function secretOnce(deps: WooDeps, tenantId: string, name: string, prefix: string): Promise<string> {
  const existing = await deps.storage.getSecret(tenantId, name);
  if (existing) return existing;
  // base64url: no & < > " that WordPress would mangle through wp_specialchars_decode.
  const value = `${prefix}_${randomBytes(32).toString("base64url")}`;
  await deps.storage.setSecret(tenantId, name, value);
  return value;
}

async function wooCall<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; result: ConnectStoreResult }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof WooApiError) {
      const hint = error.isAuthError ? " (the key needs Read/Write permission)" : "";
      return { ok: false, result: fail(422, `WooCommerce refused: ${error.message}${hint}`) };
    }
    return { ok: false, result: fail(502, `WooCommerce store unreachable: ${(error as Error).message}`) };
  }
}
