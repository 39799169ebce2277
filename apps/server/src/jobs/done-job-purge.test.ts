import { JobWorker, type SqliteStorage } from "@alma-suite/core/storage";
import { memoryStorage } from "@alma-suite/core/testing";
import { afterEach, expect, it } from "vitest";
import { startDoneJobPurge } from "./done-job-purge.ts";

const DAY_MS = 86_400_000;
let storage: SqliteStorage | undefined;
afterEach(async () => {
  await storage?.close();
});

async function storageWithDoneJob(clock: { now: number }) {
  storage = await memoryStorage({ clock: () => clock.now });
  await storage.enqueue({ type: "t", key: "old", payload: {} });
  await new JobWorker({ storage, handlers: { t: async () => {} }, workerId: "w" }).drain();
  return storage;
}

it("deletes done jobs once they are older than the retention, shortly after start", async () => {
  const clock = { now: Date.now() };
  const s = await storageWithDoneJob(clock);
  const purged: number[] = [];
  const options = {
    storage: s,
    retentionDays: 7,
    now: () => clock.now,
    onPurged: (n: number) => purged.push(n),
    onError: (error: unknown) => {
      throw error;
    },
  };
  clock.now += 6 * DAY_MS;
  const early = startDoneJobPurge({ ...options, firstRunMs: 60_000 });
  expect(await early.runOnce()).toBe(0);
  early.stop();
  clock.now += 2 * DAY_MS;
  const purge = startDoneJobPurge({ ...options, firstRunMs: 0 });
  for (let waited = 0; purged.length === 0 && waited < 2000; waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  purge.stop();
  expect(purged).toEqual([1]);
  expect(await s.getJobByKey("old")).toBeNull();
});

it("keeps every job when the retention is 0", async () => {
  const clock = { now: Date.now() };
  const s = await storageWithDoneJob(clock);
  clock.now += 365 * DAY_MS;
  const purge = startDoneJobPurge({
    storage: s,
    retentionDays: 0,
    now: () => clock.now,
    onPurged: () => {},
    onError: () => {},
    firstRunMs: 0,
  });
  expect(await purge.runOnce()).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await s.getJobByKey("old")).toMatchObject({ state: "done" });
  purge.stop();
});
