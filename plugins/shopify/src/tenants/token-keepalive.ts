import type { PluginLogger } from "@alma-suite/core";
import { type PeriodicTask, periodicTask, type Storage } from "@alma-suite/core/storage";
import type { AccessTokens } from "./access-token.ts";

export const TOKEN_KEEPALIVE_JOB = "shopify:token-keepalive";
const DAY_MS = 86_400_000;
/** Refresh tokens running out within this are used now (the pass runs daily: a week of retries). */
const KEEPALIVE_WITHIN_MS = 7 * DAY_MS;

/**
 * Once a day: every installed shop whose refresh token runs out within a week is refreshed now.
 * Tokens are otherwise refreshed only when a mutation needs one, so a shop quiet for as long as
 * a refresh token lives would lose the app's access, and the next sale's order with it. One shop
 * failing is logged and tried again the next day. A periodic task chain (keyed by day as before):
 * instances starting together queue one, and each pass queues the next day's first.
 */
export function tokenKeepalive(deps: {
  storage: Storage;
  tokens: AccessTokens;
  logger: PluginLogger;
  /** The storage's clock (default `Date.now`). */
  clock?: () => number;
}): PeriodicTask {
  return periodicTask({
    type: TOKEN_KEEPALIVE_JOB,
    everyMs: DAY_MS,
    queue: deps.storage,
    ...(deps.clock ? { clock: deps.clock } : {}),
    run: async () => {
      const shops = await deps.storage.listTenants({ platform: "shopify", status: "active" });
      let refreshed = 0;
      for (const shop of shops) {
        try {
          if (await deps.tokens.refreshAhead(shop, KEEPALIVE_WITHIN_MS)) refreshed += 1;
        } catch (error) {
          deps.logger.error(
            { tenantId: shop.id, shop: shop.externalId, err: String(error) },
            "Shopify token could not be refreshed ahead of its expiry",
          );
        }
      }
      if (refreshed > 0) deps.logger.info({ refreshed }, "Shopify tokens refreshed ahead of expiry");
    },
  });
}
