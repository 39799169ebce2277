import type { PluginLogger } from "@alma-suite/core";
import type { Storage, Tenant } from "@alma-suite/core/storage";
import type { Session } from "@shopify/shopify-api";
import { ShopifyAuthError } from "../payments-api/shopify-errors.ts";
import { readShopSettings, type ShopSettings } from "./shop-settings.ts";
import { updateShopSettings } from "./shop-tenant.ts";
import { REFRESH_TOKEN_SECRET, storeShopTokens, TOKEN_SECRET } from "./shop-tokens.ts";

/** Refresh a little before expiry so a token never dies between reading it and Shopify checking it. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export type RefreshToken = (input: { shop: string; refreshToken: string }) => Promise<{ session: Session }>;

export interface AccessTokens {
  /** A usable offline token for the shop, refreshed first when it is about to expire. */
  tokenFor(tenant: Tenant): Promise<string>;
  /** Shopify refused the token: the next `tokenFor` refreshes it (when it can). */
  markRejected(tenantId: string): void;
  /**
   * Refreshes now when the refresh token itself runs out within `withinMs`: a shop quiet for
   * months must still have a usable token when a refund comes. True when it refreshed.
   */
  refreshAhead(tenant: Tenant, withinMs: number): Promise<boolean>;
}

/**
 * The stored token can no longer be used nor refreshed: only the merchant reopening the app
 * (OAuth again) gives a new one.
 */
export function tokenIsDead(settings: ShopSettings, now: number): boolean {
  return settings.tokenExpiresAt !== null && settings.tokenExpiresAt <= now && cannotRefresh(settings, now);
}

/** The refresh token expired, or Shopify refused it: refreshing would only fail. */
function cannotRefresh(settings: ShopSettings, now: number): boolean {
  return (
    settings.refreshRefused ||
    (settings.refreshTokenExpiresAt !== null && settings.refreshTokenExpiresAt <= now)
  );
}

/**
 * Offline tokens, including Shopify's expiring ones (60 minutes, with a refresh token). Refunds and
 * captures come days after install, so every mutation job asks here first. Refreshes of one shop
 * are collapsed in this process because a refresh token is spent by its use.
 */
export function accessTokens(deps: {
  storage: Storage;
  refreshToken: RefreshToken | undefined;
  now: () => number;
  logger: PluginLogger;
}): AccessTokens {
  const refreshing = new Map<string, Promise<string>>();
  const rejected = new Set<string>();

  /** One refresh of a shop at a time in this process: a refresh token is spent by its use. */
  function refreshOnce(tenant: Tenant, staleToken: string): Promise<string> {
    const running = refreshing.get(tenant.id);
    if (running) return running;
    const started = refresh(tenant, staleToken).finally(() => refreshing.delete(tenant.id));
    refreshing.set(tenant.id, started);
    return started;
  }

  async function refresh(tenant: Tenant, staleToken: string): Promise<string> {
    const refreshToken = await deps.storage.getSecret(tenant.id, REFRESH_TOKEN_SECRET);
    const settings = readShopSettings(tenant.settings);
    if (!refreshToken || !deps.refreshToken || cannotRefresh(settings, deps.now())) {
      throw new ShopifyAuthError(
        `the token of ${tenant.externalId} expired; the merchant must reopen the app`,
        401,
      );
    }
    try {
      const { session } = await deps.refreshToken({ shop: tenant.externalId, refreshToken });
      await storeShopTokens(deps.storage, tenant.id, session);
      rejected.delete(tenant.id);
      deps.logger.info({ tenantId: tenant.id, shop: tenant.externalId }, "Shopify token refreshed");
      return session.accessToken ?? "";
    } catch (error) {
      // Another instance may have spent the refresh token first and stored a fresh access token.
      const current = await deps.storage.getSecret(tenant.id, TOKEN_SECRET);
      if (current && current !== staleToken) return current;
      if (isRefusal(error)) {
        // Spent (a crash between Shopify's answer and our write) or revoked: retrying cannot
        // help, and the shop is treated as needing the merchant to reopen the app.
        // Unless another instance stored new tokens meanwhile (their expiry moved): then it spent it.
        await updateShopSettings(deps.storage, tenant.id, (s) =>
          s.tokenExpiresAt === settings.tokenExpiresAt ? { ...s, refreshRefused: true } : s,
        );
        deps.logger.error(
          { tenantId: tenant.id, shop: tenant.externalId },
          "Shopify refused the refresh token",
        );
        throw new ShopifyAuthError(
          `Shopify refused the refresh token of ${tenant.externalId}; the merchant must reopen the app`,
          401,
        );
      }
      throw error;
    }
  }

  return {
    async tokenFor(tenant) {
      const token = await deps.storage.getSecret(tenant.id, TOKEN_SECRET);
      if (!token) throw new ShopifyAuthError(`no Shopify token for ${tenant.externalId}`, 401);
      const { tokenExpiresAt } = readShopSettings(tenant.settings);
      const expiring = tokenExpiresAt !== null && tokenExpiresAt - REFRESH_MARGIN_MS <= deps.now();
      if (!expiring && !rejected.has(tenant.id)) return token;
      if (tokenExpiresAt === null) return token;
      return refreshOnce(tenant, token);
    },
    markRejected(tenantId) {
      rejected.add(tenantId);
    },
    async refreshAhead(tenant, withinMs) {
      const settings = readShopSettings(tenant.settings);
      const { refreshTokenExpiresAt } = settings;
      if (refreshTokenExpiresAt === null || refreshTokenExpiresAt - withinMs > deps.now()) return false;
      // Already beyond repair: only the merchant reopening the app mends it (no daily error).
      if (cannotRefresh(settings, deps.now())) return false;
      const token = await deps.storage.getSecret(tenant.id, TOKEN_SECRET);
      if (!token) return false;
      await refreshOnce(tenant, token);
      return true;
    },
  };
}

/** Shopify's answer to a refresh token it will not take (400 invalid_grant, 401): not worth a retry. */
function isRefusal(error: unknown): boolean {
  const code = (error as { response?: { code?: unknown } } | null)?.response?.code;
  return code === 400 || code === 401;
}
