import type { JsonObject } from "@alma-suite/core/storage";
import { z } from "zod";

/** One Alma fee plan as this shop offers it: Alma's window, narrowed by the merchant. */
export const planSettingSchema = z.object({
  key: z.string(),
  enabled: z.boolean(),
  minCents: z.int().positive(),
  maxCents: z.int().positive(),
  almaMinCents: z.int().positive(),
  almaMaxCents: z.int().positive(),
  /** Days Alma waits for a trigger; null when the plan has no payment upon trigger. */
  triggerLimitDays: z.int().positive().nullable(),
});
export type PlanSetting = z.infer<typeof planSettingSchema>;

const almaAccountSchema = z.object({ merchantId: z.string(), name: z.string() });

export const dataRequestSchema = z.object({
  id: z.string(),
  receivedAt: z.int(),
  customer: z.object({ email: z.string().nullable(), phone: z.string().nullable() }),
  payments: z.array(z.record(z.string(), z.unknown())),
  /** Messages from the outbox (PoS payment links); exports made before it existed have none. */
  messages: z.array(z.record(z.string(), z.unknown())).default([]),
});
export type DataRequestExport = z.infer<typeof dataRequestSchema>;

/**
 * What a Shopify tenant keeps in `tenant.settings`. Parsed leniently: a field that is missing or
 * malformed falls back to its default rather than breaking checkout for the shop.
 */
export const shopSettingsSchema = z.object({
  scope: z.string().catch(""),
  installedAt: z.int().nullable().catch(null),
  /** When the app was last installed (a reinstall moves it): older uninstall deliveries are stale. */
  lastInstalledAt: z.int().nullable().catch(null),
  /** Epoch ms when the offline token expires; null for non-expiring tokens. */
  tokenExpiresAt: z.int().nullable().catch(null),
  refreshTokenExpiresAt: z.int().nullable().catch(null),
  /** Shopify refused the refresh token (spent by a crash mid-refresh, or revoked): only OAuth mends it. */
  refreshRefused: z.boolean().catch(false),
  ready: z.boolean().catch(false),
  externalHandle: z.string().nullable().catch(null),
  configuredAt: z.int().nullable().catch(null),
  plans: z.array(planSettingSchema).catch([]),
  almaAccounts: z
    .object({ test: almaAccountSchema.optional(), live: almaAccountSchema.optional() })
    .catch({}),
  dataRequests: z.array(dataRequestSchema).catch([]),
});
export type ShopSettings = z.infer<typeof shopSettingsSchema>;

export function readShopSettings(settings: JsonObject): ShopSettings {
  return shopSettingsSchema.parse(settings ?? {});
}

export function writeShopSettings(settings: ShopSettings): JsonObject {
  return JSON.parse(JSON.stringify(settings)) as JsonObject;
}
