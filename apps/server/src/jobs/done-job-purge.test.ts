import { JobWorker, type SqliteStorage } from "@alma-suite/core/storage";
import { memoryStorage } from "@alma-suite/core/testing";
import { afterEach, expect, it } from "vitest";
import { PROCESSED_KEY_RETENTION_DAYS, type Purged, startDoneJobPurge } from "./done-job-purge.ts";

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
  const purged: Purged[] = [];
  const options = {
    storage: s,
    retentionDays: 7,
    now: () => clock.now,
    onPurged: (n: Purged) => purged.push(n),
    onError: (error: unknown) => {
      throw error;
    },
  };
  clock.now += 6 * DAY_MS;
  const early = startDoneJobPurge({ ...options, firstRunMs: 60_000 });
  expect(await early.runOnce()).toEqual({ jobs: 0, keys: 0 });
  early.stop();
  clock.now += 2 * DAY_MS;
  const purge = startDoneJobPurge({ ...options, firstRunMs: 0 });
  for (let waited = 0; purged.length === 0 && waited < 2000; waited += 10)
    await new Promise((resolve) => setTimeout(resolve, 10));
  purge.stop();
  expect(purged).toEqual([{ jobs: 1, keys: 0 }]);
  expect(await s.getJobByKey("old")).toBeNull();
});

it("forgets processed-notification keys after a month, whatever the jobs' retention", async () => {
  const clock = { now: Date.now() };
  const s = await storageWithDoneJob(clock);
  await s.markNotificationProcessed("shopify:webhook:w1");
  const purge = startDoneJobPurge({
    storage: s,
    retentionDays: 0,
    now: () => clock.now,
    onPurged: () => {},
    onError: () => {},
  });
  clock.now += (PROCESSED_KEY_RETENTION_DAYS - 1) * DAY_MS;
  expect(await purge.runOnce()).toEqual({ jobs: 0, keys: 0 });
  expect(await s.isNotificationProcessed("shopify:webhook:w1")).toBe(true);
  clock.now += 2 * DAY_MS;
  expect(await purge.runOnce()).toEqual({ jobs: 0, keys: 1 });
  expect(await s.isNotificationProcessed("shopify:webhook:w1")).toBe(false);
  expect(await s.getJobByKey("old")).toMatchObject({ state: "done" });
  purge.stop();
});

it("keeps every job when the retention is 0", async () => {
  const clock = { now: Date.now() };
  const s = await storageWithDoneJob(clock);
  clock.now += 365 * DAY_MS;
  const purge = startDoneJobPurge({
    storage: s,
    retentionDays: 0,
    keyRetentionDays: 0,
    now: () => clock.now,
    onPurged: () => {},
    onError: () => {},
    firstRunMs: 0,
  });
  expect(await purge.runOnce()).toEqual({ jobs: 0, keys: 0 });
  await new Promise((resolve) => setTimeout(resolve, 20));
  expect(await s.getJobByKey("old")).toMatchObject({ state: "done" });
  purge.stop();
});
