import { signIpn } from "@alma-suite/core";
import { describe, expect, it } from "vitest";
import { TenantKeyCache } from "./tenant-key-cache.ts";

const flip = (value: string, at: number) =>
  value.slice(0, at) + (value[at] === "a" ? "b" : "a") + value.slice(at + 1);

describe("IPN signature check through the tenant key cache, near misses", () => {
  const key = "sk_test_cacheNearMiss0001";
  const cache = new TenantKeyCache({
    activeKeyFor: async (id, mode) => (id === "ten_1" && mode === "test" ? key : undefined),
  });
  const genuine = signIpn("payment_11x", key);

  it("refuses a signature one character off at its start and at its end, cached key or not", async () => {
    expect(await cache.verify("ten_1", "payment_11x", genuine)).toEqual({ status: "ok", modes: ["test"] });
    expect((await cache.verify("ten_1", "payment_11x", flip(genuine, 0))).status).toBe("bad_signature");
    expect((await cache.verify("ten_1", "payment_11x", flip(genuine, genuine.length - 1))).status).toBe(
      "bad_signature",
    );
  });
});
