import type { PluginLogger } from "@alma-suite/core";
import { type JobDefinition, jobType, type Storage } from "@alma-suite/core/storage";
import { z } from "zod";
import type { AccessTokens } from "./access-token.ts";

export const TOKEN_KEEPALIVE_JOB = "shopify:token-keepalive";
const DAY_MS = 86_400_000;
/** Refresh tokens running out within this are used now (the pass runs daily: a week of retries). */
const KEEPALIVE_WITHIN_MS = 7 * DAY_MS;

const keepaliveJob = jobType(TOKEN_KEEPALIVE_JOB, z.object({ day: z.int() }));

/** Starts the daily chain; instances starting together enqueue the same key, so one chain runs. */
export async function scheduleTokenKeepalive(storage: Storage, now: number): Promise<void> {
  const day = Math.floor(now / DAY_MS);
  await keepaliveJob.enqueue(storage, {
    key: `${TOKEN_KEEPALIVE_JOB}:${day}`,
    payload: { day },
    runAt: now,
  });
}

/**
 * Once a day: every installed shop whose refresh token runs out within a week is refreshed now.
 * Tokens are otherwise refreshed only when a mutation needs one, so a shop quiet for as long as
 * a refresh token lives would lose the app's access, and the next sale's order with it. One shop
 * failing is logged and tried again the next day.
 */
export function tokenKeepaliveJob(deps: {
  storage: Storage;
  tokens: AccessTokens;
  logger: PluginLogger;
}): JobDefinition<{ day: number }> {
  return keepaliveJob.define(async ({ day }) => {
    // The next pass first: a pass that fails for good (the database down all day) must not end the chain.
    await keepaliveJob.enqueue(deps.storage, {
      key: `${TOKEN_KEEPALIVE_JOB}:${day + 1}`,
      payload: { day: day + 1 },
      runAt: (day + 1) * DAY_MS,
    });
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
  });
}
