import { signedTokens } from "@alma-suite/core";
import { memoryStorage } from "@alma-suite/core/testing";
import { describe, expect, it } from "vitest";
import { loginLinks } from "./login-links.ts";

async function setup() {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({ platform: "bridge", externalId: "m", name: "M" });
  let now = 1_800_000_000_000;
  const links = loginLinks({
    secret: "s".repeat(32),
    storage,
    publicUrl: "https://x.example",
    now: () => now,
  });
  const advance = (ms: number) => {
    now += ms;
  };
  return { storage, tenant, links, advance };
}

const tokenOf = (url: string) => url.slice(url.lastIndexOf("/") + 1);

describe("merchant login links", () => {
  it("work once, however many clicks race", async () => {
    const { tenant, links } = await setup();
    const { url } = links.mint(tenant.id);
    const answers = await Promise.all(Array.from({ length: 5 }, () => links.redeem(tokenOf(url))));
    expect(answers.filter((a) => a.ok)).toEqual([{ ok: true, tenantId: tenant.id }]);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.reason)).toEqual([
      "used",
      "used",
      "used",
      "used",
    ]);
  });

  it("expire after 15 minutes and die with their tenant", async () => {
    const { storage, tenant, links, advance } = await setup();
    const late = links.mint(tenant.id);
    advance(15 * 60_000);
    expect(await links.redeem(tokenOf(late.url))).toMatchObject({
      ok: false,
      status: 410,
      reason: "expired",
    });
    const orphan = links.mint(tenant.id);
    await storage.updateTenant(tenant.id, { status: "uninstalled" });
    expect(await links.redeem(tokenOf(orphan.url))).toMatchObject({ ok: false, reason: "unknown_tenant" });
  });

  it("refuse tokens signed with another key or for another purpose", async () => {
    const { tenant, links } = await setup();
    const payload = { t: tenant.id, n: "nonce", e: Date.now() * 2 };
    const otherKey = signedTokens("t".repeat(32), "alma-suite dashboard login link v1").sign(payload);
    const sessionToken = signedTokens("s".repeat(32), "alma-suite dashboard session v1").sign(payload);
    for (const token of [otherKey, sessionToken, "garbage", `${otherKey}.extra`]) {
      expect(await links.redeem(token)).toMatchObject({ ok: false, status: 400, reason: "forged" });
    }
  });
});
