import type { Options } from "express-rate-limit";
import { describe, expect, it } from "vitest";
import { FixedWindowStore } from "./fixed-window-store.ts";

describe("FixedWindowStore", () => {
  it("answers each increment with its own count, takes hits back, and starts a new window once one ends", async () => {
    const store = new FixedWindowStore();
    store.init({ windowMs: 50 } as Options);
    const counts = [store.increment("ip:a"), store.increment("ip:a"), store.increment("ip:a")];
    expect(counts.map((c) => c.totalHits)).toEqual([1, 2, 3]);
    store.decrement("ip:a");
    expect(store.get("ip:a")?.totalHits).toBe(2);
    expect(store.get("ip:b")).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(store.get("ip:a")).toBeUndefined();
    expect(store.increment("ip:a").totalHits).toBe(1);
    store.shutdown();
  });
});
