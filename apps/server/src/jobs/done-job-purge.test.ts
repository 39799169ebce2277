import { JobWorker, type SqliteStorage } from "@alma-suite/core/storage";
import { memoryStorage } from "@alma-suite/core/testing";
import { afterEach, expect, it } from "vitest";
import {
  type DoneJobPurge,
  doneJobPurge,
  PROCESSED_KEY_RETENTION_DAYS,
  type Purged,
} from "./done-job-purge.ts";

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

/** What the server's timer does within a minute of its start: queue the current hour's purge; its worker runs it. */
async function runScheduledPurge(s: SqliteStorage, purge: DoneJobPurge): Promise<number> {
  await purge.task.ensure();
  return new JobWorker({
    storage: s,
    handlers: { [purge.task.type]: purge.task.job },
    workerId: "w",
  }).drain();
}

it("deletes done jobs once they are older than the retention, in the purge queued at start", async () => {
  const clock = { now: Date.now() };
  const s = await storageWithDoneJob(clock);
  const purged: Purged[] = [];
  const options = {
    storage: s,
    retentionDays: 7,
    now: () => clock.now,
    clock: () => clock.now,
    onPurged: (n: Purged) => purged.push(n),
  };
  clock.now += 6 * DAY_MS;
  const early = doneJobPurge(options);
  expect(await early.runOnce()).toEqual({ jobs: 0, keys: 0 });
  clock.now += 2 * DAY_MS;
  const purge = doneJobPurge(options);
  expect(await runScheduledPurge(s, purge)).toBe(1);
  expect(purged).toEqual([{ jobs: 1, keys: 0 }]);
  expect(await s.getJobByKey("old")).toBeNull();
  // Queued again in the same hour (another tick, another instance): not run twice.
  expect(await runScheduledPurge(s, purge)).toBe(0);
  expect(await s.countJobsByState()).toMatchObject({ pending: 0 });
});

it("forgets processed-notification keys after a month, whatever the jobs' retention", async () => {
  const clock = { now: Date.now() };
  const s = await storageWithDoneJob(clock);
  await s.markNotificationProcessed("shopify:webhook:w1");
  const purge = doneJobPurge({
    storage: s,
    retentionDays: 0,
    now: () => clock.now,
    onPurged: () => {},
  });
  clock.now += (PROCESSED_KEY_RETENTION_DAYS - 1) * DAY_MS;
  expect(await purge.runOnce()).toEqual({ jobs: 0, keys: 0 });
  expect(await s.isNotificationProcessed("shopify:webhook:w1")).toBe(true);
  clock.now += 2 * DAY_MS;
  expect(await purge.runOnce()).toEqual({ jobs: 0, keys: 1 });
  expect(await s.isNotificationProcessed("shopify:webhook:w1")).toBe(false);
  expect(await s.getJobByKey("old")).toMatchObject({ state: "done" });
});

it("keeps every job when the retention is 0", async () => {
  const clock = { now: Date.now() };
  const s = await storageWithDoneJob(clock);
  clock.now += 365 * DAY_MS;
  const purge = doneJobPurge({
    storage: s,
    retentionDays: 0,
    keyRetentionDays: 0,
    now: () => clock.now,
    clock: () => clock.now,
    onPurged: () => {},
  });
  expect(await purge.runOnce()).toEqual({ jobs: 0, keys: 0 });
  // Both retentions 0: the purge is off, nothing is even queued.
  expect(await runScheduledPurge(s, purge)).toBe(0);
  expect(await s.getJobByKey("old")).toMatchObject({ state: "done" });
  expect(await s.countJobsByState()).toMatchObject({ pending: 0 });
});
