import type { Tenant } from "@alma-suite/core/storage";
import { z } from "zod";

/** Our gateway's id in WooCommerce (the WordPress plugin registers it under this id). */
export const GATEWAY_ID = "alma_suite";

const reconcileRunSchema = z.object({
  /** GMT ISO time the run started: the next run's `modified_after`. */
  startedAt: z.string(),
  modifiedAfter: z.string().nullable(),
  /** Last page fully processed; a resumed run continues after it. */
  page: z.int().nonnegative(),
});

/** What a WooCommerce tenant's `settings` hold. */
export const storeSettingsSchema = z.object({
  storeUrl: z.string(),
  /** Plan offered by the gateway and used for payment links, e.g. `general_3_0_0`. */
  planKey: z.string().default("general_3_0_0"),
  /** Offline gateways whose orders get an Alma payment link by e-mail (pay-by-link mode). */
  payByLinkMethods: z.array(z.string()).default([]),
  /**
   * The status an order takes when its Alma payment expired or was cancelled unpaid (an abandoned
   * checkout): `cancelled`, on which WooCommerce puts its stock back, or `failed`.
   */
  releasedOrderStatus: z.enum(["cancelled", "failed"]).default("cancelled"),
  webhookIds: z.array(z.int()).default([]),
  /** The site's locale (`get_locale()`, e.g. `fr_FR`), read when connecting. */
  locale: z.string().optional(),
  /** Whether the store keeps orders in the custom order tables (HPOS), read when connecting. */
  hpos: z.boolean().optional(),
  reconcile: z
    .object({ since: z.string().nullable(), run: reconcileRunSchema.nullable() })
    .default({ since: null, run: null }),
});

export type StoreSettings = z.output<typeof storeSettingsSchema>;
export type ReconcileRun = z.output<typeof reconcileRunSchema>;

/**
 * The store's stored settings, or why they cannot be used: a tenant made by hand (`tenants add`)
 * or left half-connected has no `storeUrl`. Never throws: callers refuse the request and log.
 */
export function readStoreSettings(
  tenant: Tenant,
): { ok: true; settings: StoreSettings } | { ok: false; error: string } {
  const parsed = storeSettingsSchema.safeParse(tenant.settings);
  if (parsed.success) return { ok: true, settings: parsed.data };
  const fields = parsed.error.issues.map((i) => i.path.join(".") || "settings");
  return { ok: false, error: `the store's settings are incomplete (${[...new Set(fields)].join(", ")})` };
}

/** Is this order paid with Alma, through our gateway or as a pay-by-link order? */
export function isAlmaOrder(settings: StoreSettings, paymentMethod: string): boolean {
  return paymentMethod === GATEWAY_ID || settings.payByLinkMethods.includes(paymentMethod);
}
