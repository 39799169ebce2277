import type { Storage } from "@alma-suite/core/storage";
import type { Session } from "@shopify/shopify-api";
import { updateShopSettings } from "./shop-tenant.ts";

export const TOKEN_SECRET = "shopify_token";
export const REFRESH_TOKEN_SECRET = "shopify_refresh_token";

/** Saves an offline session's tokens (encrypted by storage) and their expiry dates. */
export async function storeShopTokens(storage: Storage, tenantId: string, session: Session): Promise<void> {
  if (!session.accessToken) throw new Error("Shopify returned a session without an access token");
  await storage.setSecret(tenantId, TOKEN_SECRET, session.accessToken);
  if (session.refreshToken) await storage.setSecret(tenantId, REFRESH_TOKEN_SECRET, session.refreshToken);
  else await storage.deleteSecret(tenantId, REFRESH_TOKEN_SECRET);
  await updateShopSettings(storage, tenantId, (s) => ({
    ...s,
    scope: session.scope ?? s.scope,
    tokenExpiresAt: session.expires ? session.expires.getTime() : null,
    refreshTokenExpiresAt: session.refreshTokenExpires ? session.refreshTokenExpires.getTime() : null,
    refreshRefused: false,
  }));
}

/** After app/uninstalled: Shopify has revoked them; keeping them would only be a liability. */
export async function forgetShopTokens(storage: Storage, tenantId: string): Promise<void> {
  await storage.deleteSecret(tenantId, TOKEN_SECRET);
  await storage.deleteSecret(tenantId, REFRESH_TOKEN_SECRET);
  await updateShopSettings(storage, tenantId, (s) => ({
    ...s,
    tokenExpiresAt: null,
    refreshTokenExpiresAt: null,
  }));
}
