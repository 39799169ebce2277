import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect, it } from "vitest";
import { startHeartbeat } from "./heartbeat.ts";

describe("startHeartbeat", () => {
  it("beats one at a time, goes on after a failed beat, and stops when a beat says so", async () => {
    let calls = 0;
    let inFlight = 0;
    let most = 0;
    const heartbeat = startHeartbeat(5, async () => {
      calls++;
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(20); // longer than the interval: ticks meanwhile must not start another beat
      inFlight--;
      if (calls === 2) throw new Error("database hiccup");
      return calls < 4;
    });
    await expect.poll(() => calls, { timeout: 2000 }).toBe(4);
    await sleep(60);
    expect(calls).toBe(4);
    expect(most).toBe(1);
    await heartbeat.stop();
  });

  it("waits on stop for the beat in flight", async () => {
    let started = false;
    let finished = false;
    const heartbeat = startHeartbeat(1, async () => {
      started = true;
      await sleep(30);
      finished = true;
      return true;
    });
    await expect.poll(() => started).toBe(true);
    await heartbeat.stop();
    expect(finished).toBe(true);
  });
});
