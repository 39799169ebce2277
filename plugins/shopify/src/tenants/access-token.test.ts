import type { Storage } from "@alma-suite/core/storage";
import { Session } from "@shopify/shopify-api";
import { describe, expect, it } from "vitest";
import { ShopifyAuthError } from "../payments-api/shopify-errors.ts";
import { memoryStorage, silentLogger } from "../testing/unit-support.ts";
import { accessTokens, type RefreshToken, tokenIsDead } from "./access-token.ts";
import { readShopSettings } from "./shop-settings.ts";
import { updateShopSettings } from "./shop-tenant.ts";
import { REFRESH_TOKEN_SECRET, storeShopTokens, TOKEN_SECRET } from "./shop-tokens.ts";
import { TOKEN_KEEPALIVE_JOB, tokenKeepalive } from "./token-keepalive.ts";

const HOUR = 3600_000;

async function setup(expiresAt: number | null, refreshToken: string | null = "shprt_1") {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({
    platform: "shopify",
    externalId: "t.myshopify.com",
    name: "t",
  });
  await storage.setSecret(tenant.id, TOKEN_SECRET, "shpat_old");
  if (refreshToken) await storage.setSecret(tenant.id, REFRESH_TOKEN_SECRET, refreshToken);
  await updateShopSettings(storage, tenant.id, (s) => ({
    ...s,
    tokenExpiresAt: expiresAt,
    refreshTokenExpiresAt: expiresAt && expiresAt + 90 * 24 * HOUR,
  }));
  const fresh = async () => (await storage.getTenant(tenant.id))!;
  return { storage, tenantId: tenant.id, fresh };
}

const now = 10 * HOUR;
const refreshed =
  (calls: string[]): RefreshToken =>
  async ({ shop, refreshToken }) => {
    calls.push(refreshToken);
    await new Promise((r) => setTimeout(r, 20));
    return {
      session: new Session({
        id: `offline_${shop}`,
        shop,
        state: "",
        isOnline: false,
        accessToken: `shpat_new${calls.length}`,
        refreshToken: `shprt_${calls.length + 1}`,
        expires: new Date(now + HOUR),
        refreshTokenExpires: new Date(now + 90 * 24 * HOUR),
      }),
    };
  };

/** The token service at `now`, over `storage`, refreshing with `refreshToken`. */
const tokensAt = (storage: Storage, refreshToken: RefreshToken) =>
  accessTokens({ storage, refreshToken, now: () => now, logger: silentLogger });

describe("offline access tokens", () => {
  it("uses a token that does not expire, or not soon, as it is", async () => {
    for (const expiresAt of [null, now + HOUR]) {
      const { storage, fresh } = await setup(expiresAt);
      const calls: string[] = [];
      const tokens = tokensAt(storage, refreshed(calls));
      expect(await tokens.tokenFor(await fresh())).toBe("shpat_old");
      expect(calls).toEqual([]);
    }
  });

  it("refreshes a token about to expire once, however many jobs ask at the same time", async () => {
    const { storage, tenantId, fresh } = await setup(now + 60_000);
    const calls: string[] = [];
    const tokens = tokensAt(storage, refreshed(calls));
    const tenant = await fresh();
    expect(
      await Promise.all([tokens.tokenFor(tenant), tokens.tokenFor(tenant), tokens.tokenFor(tenant)]),
    ).toEqual(Array(3).fill("shpat_new1"));
    expect(calls).toEqual(["shprt_1"]);
    expect(await storage.getSecret(tenantId, TOKEN_SECRET)).toBe("shpat_new1");
    expect(await storage.getSecret(tenantId, REFRESH_TOKEN_SECRET)).toBe("shprt_2");
    expect((await fresh()).settings.tokenExpiresAt).toBe(now + HOUR);
  });

  it("refreshes after Shopify refused a token, and asks for a reinstall when it cannot", async () => {
    const { storage, tenantId, fresh } = await setup(now + HOUR);
    const calls: string[] = [];
    const tokens = tokensAt(storage, refreshed(calls));
    tokens.markRejected(tenantId);
    expect(await tokens.tokenFor(await fresh())).toBe("shpat_new1");

    const stuck = await setup(now - 1, null);
    const none = tokensAt(stuck.storage, refreshed([]));
    await expect(none.tokenFor(await stuck.fresh())).rejects.toBeInstanceOf(ShopifyAuthError);
  });

  it("takes the token another instance stored when its own refresh token was already spent", async () => {
    const { storage, tenantId, fresh } = await setup(now - 1);
    const tenant = await fresh();
    const spent: RefreshToken = async () => {
      await storage.setSecret(tenantId, TOKEN_SECRET, "shpat_from_other_instance");
      throw new Error("invalid_grant");
    };
    const tokens = tokensAt(storage, spent);
    expect(await tokens.tokenFor(tenant)).toBe("shpat_from_other_instance");
  });
});

describe("keeping a quiet shop's access alive", () => {
  it("refreshes once a day every shop whose refresh token runs out within a week, then queues the next day", async () => {
    const DAY = 24 * HOUR;
    // Installed long ago: the access token is long expired, the refresh token has 3 days left.
    const { storage, tenantId, fresh } = await setup(now - 87 * DAY);
    const calls: string[] = [];
    const tokens = tokensAt(storage, refreshed(calls));
    const pass = tokenKeepalive({ storage, tokens, logger: silentLogger, clock: () => now }).job;
    await pass.run({ period: 0 }, {} as never);
    expect(calls).toEqual(["shprt_1"]);
    expect(await storage.getSecret(tenantId, TOKEN_SECRET)).toBe("shpat_new1");
    expect(tokenIsDead(readShopSettings((await fresh()).settings), now)).toBe(false);
    expect(await storage.getJobByKey(`${TOKEN_KEEPALIVE_JOB}:1`)).toMatchObject({ runAt: DAY });
    // Fresh for 90 days again: the next pass leaves it alone.
    await pass.run({ period: 1 }, {} as never);
    expect(calls).toEqual(["shprt_1"]);
  });

  it("tells a token nothing can refresh any more from one a refresh revives", async () => {
    const { fresh } = await setup(now - 100 * 24 * HOUR);
    expect(tokenIsDead(readShopSettings((await fresh()).settings), now)).toBe(true);
    const alive = await setup(now - 1);
    expect(tokenIsDead(readShopSettings((await alive.fresh()).settings), now)).toBe(false);
    const forever = await setup(null);
    expect(tokenIsDead(readShopSettings((await forever.fresh()).settings), now)).toBe(false);
  });
});

describe("a refresh token Shopify refuses", () => {
  it("marks the shop as needing the merchant, stops asking, and is cleared by a new install", async () => {
    const { storage, tenantId, fresh } = await setup(now - 1);
    let asked = 0;
    const refused: RefreshToken = async () => {
      asked += 1;
      throw Object.assign(new Error("invalid_grant"), { response: { code: 400 } });
    };
    const tokens = tokensAt(storage, refused);
    await expect(tokens.tokenFor(await fresh())).rejects.toThrow(/refused the refresh token/);
    expect(tokenIsDead(readShopSettings((await fresh()).settings), now)).toBe(true);
    // The next job does not spend another call on it.
    await expect(tokens.tokenFor(await fresh())).rejects.toBeInstanceOf(ShopifyAuthError);
    expect(asked).toBe(1);

    const reinstalled = new Session({
      id: "offline_t.myshopify.com",
      shop: "t.myshopify.com",
      state: "",
      isOnline: false,
      accessToken: "shpat_reinstalled",
      refreshToken: "shprt_reinstalled",
      expires: new Date(now + HOUR),
      refreshTokenExpires: new Date(now + 90 * 24 * HOUR),
    });
    await storeShopTokens(storage, tenantId, reinstalled);
    expect(tokenIsDead(readShopSettings((await fresh()).settings), now)).toBe(false);
  });
});
