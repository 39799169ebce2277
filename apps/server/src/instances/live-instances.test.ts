import { memoryStorage } from "@alma-suite/core/testing";
import { describe, expect, it } from "vitest";
import { LiveInstances } from "./live-instances.ts";

describe("LiveInstances", () => {
  it("counts the instances recorded lately, keeps the last count while the database fails, and forgets itself on stop", async () => {
    const storage = await memoryStorage();
    const errors: unknown[] = [];
    const instances = new LiveInstances(storage, { intervalMs: 20, onError: (e) => errors.push(e) });
    await instances.start();
    expect(instances.count).toBe(1);
    await storage.recordInstanceAlive("another-host:1:abcd", 60_000);
    await expect.poll(() => instances.count).toBe(2);

    const failing = storage.recordInstanceAlive;
    storage.recordInstanceAlive = async () => {
      throw new Error("database unreachable");
    };
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    expect(instances.count).toBe(2);
    storage.recordInstanceAlive = failing;

    await instances.stop();
    expect(await storage.recordInstanceAlive("another-host:1:abcd", 60_000)).toBe(1);
    await storage.close();
  });

  it("names each instance apart, even two processes with the same pid on the same host", () => {
    expect(new LiveInstances({} as never).id).not.toBe(new LiveInstances({} as never).id);
  });
});
