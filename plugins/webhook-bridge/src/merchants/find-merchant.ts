import type { StorageOps, Tenant } from "@alma-suite/core/storage";

/** Merchant references are the agency's own; they become URL segments and tenant external ids. */
export const MERCHANT_REF = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Agency merchants are core tenants of platform `bridge`, namespaced by agency so refs never collide. */
export function merchantExternalId(agencyId: string, merchantRef: string): string {
  return `${agencyId}:${merchantRef}`;
}

/** The merchant if it belongs to this agency and is active; another agency's merchant is simply not found. */
export async function findMerchant(
  storage: StorageOps,
  agencyId: string,
  merchantRef: string,
): Promise<Tenant | null> {
  if (!MERCHANT_REF.test(merchantRef)) return null;
  const tenant = await storage.findTenantByExternalId("bridge", merchantExternalId(agencyId, merchantRef));
  return tenant?.status === "active" ? tenant : null;
}

export function merchantRefOf(tenant: Tenant): string {
  const ref = tenant.settings.merchantRef;
  return typeof ref === "string" ? ref : tenant.externalId.slice(tenant.externalId.indexOf(":") + 1);
}
