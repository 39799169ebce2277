import { describe, expect, it } from "vitest";
import { KeyedMutex } from "./keyed-mutex.ts";

describe("KeyedMutex", () => {
  it("serialises work on one key, runs other keys in parallel and survives a failure", async () => {
    const mutex = new KeyedMutex();
    const log: string[] = [];
    const step = (key: string, label: string, fail = false) =>
      mutex.run(key, async () => {
        log.push(`${label}:start`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`${label}:end`);
        if (fail) throw new Error(label);
        return label;
      });
    const results = await Promise.allSettled([step("a", "a1", true), step("a", "a2"), step("b", "b1")]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(log.indexOf("a1:end")).toBeLessThan(log.indexOf("a2:start"));
    expect(log.indexOf("b1:start")).toBeLessThan(log.indexOf("a1:end"));
  });
});
