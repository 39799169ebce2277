import { signIpn } from "@alma-suite/core";
import { describe, expect, it } from "vitest";
import { TenantKeyCache } from "./tenant-key-cache.ts";

describe("TenantKeyCache with a test and a live key", () => {
  const keys = { test: "sk_test_cacheTwoKeys00001", live: "sk_live_cacheTwoKeys00001" };

  it("says which key signed, reading each key once per TTL, and afresh only when none signed", async () => {
    let reads = 0;
    let current = { ...keys };
    const cache = new TenantKeyCache({
      activeKeyFor: async (_id, mode) => {
        reads += 1;
        return current[mode];
      },
    });
    expect(await cache.verify("ten_1", "payment_11a", signIpn("payment_11a", keys.test))).toEqual({
      status: "ok",
      modes: ["test"],
    });
    expect(await cache.verify("ten_1", "payment_11b", signIpn("payment_11b", keys.live))).toEqual({
      status: "ok",
      modes: ["live"],
    });
    expect(reads).toBe(2);
    // A key rotated moments ago: the cached one fails, the fresh read signs.
    current = { ...keys, live: "sk_live_cacheTwoKeysRotated" };
    expect(await cache.verify("ten_1", "payment_11c", signIpn("payment_11c", current.live))).toEqual({
      status: "ok",
      modes: ["live"],
    });
    expect(reads).toBe(4);
    expect(
      await cache.verify("ten_1", "payment_11d", signIpn("payment_11d", "sk_test_someoneElse0001")),
    ).toEqual({
      status: "bad_signature",
    });
  });

  it("names both modes when one key serves both, and knows a tenant without keys", async () => {
    const cache = new TenantKeyCache({
      activeKeyFor: async (id) => (id === "ten_1" ? keys.test : undefined),
    });
    expect(await cache.verify("ten_1", "payment_11e", signIpn("payment_11e", keys.test))).toEqual({
      status: "ok",
      modes: ["live", "test"],
    });
    expect(await cache.verify("ten_2", "payment_11e", signIpn("payment_11e", keys.test))).toEqual({
      status: "unknown_tenant",
    });
  });
});
