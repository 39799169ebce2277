import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Storage } from "../storage/storage.ts";
import type { StorageHarness, StorageHarnessFactory } from "../storage/test-support/storage-harness.ts";
import type { JobRunner } from "./job-worker.ts";
import { JobWorker } from "./job-worker.ts";

/** Long enough that a job started in time was woken, not found by the poll. */
export const LONG_POLL_MS = 60_000;
/** How soon a woken worker must start a job: well under the poll, with room for a loaded machine. */
export const PROMPT_MS = 500;

/** A job enqueued in this process starts at once, not at the worker's next poll. */
export function jobWakeupContract(name: string, createHarness: StorageHarnessFactory): void {
  describe(`${name} job wake-up`, () => {
    let harness: StorageHarness;
    const workers: JobWorker[] = [];
    beforeEach(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await harness.cleanup();
    });
    function idleWorker(
      handlers: Record<string, JobRunner>,
      concurrency = 4,
      storage: Storage = harness.storage,
    ) {
      const w = new JobWorker({
        storage,
        handlers,
        workerId: `w${workers.length}`,
        pollMs: LONG_POLL_MS,
        concurrency,
      });
      workers.push(w);
      w.start();
      return w;
    }
    /** Resolves with the time a job of `type` started. */
    function started(): { handler: JobRunner; at: Promise<number> } {
      let resolve = (_at: number) => {};
      const at = new Promise<number>((r) => {
        resolve = r;
      });
      return { handler: async () => resolve(performance.now()), at };
    }

    it("starts a job enqueued while the worker idles at once, not at the next poll", async () => {
      const { storage } = harness;
      const run = started();
      idleWorker({ t: run.handler });
      // Its first lease found nothing: it now waits out the (minute-long) poll.
      await sleep(150);
      const enqueuedAt = performance.now();
      await storage.enqueue({ type: "t", key: "t-1", payload: {} });
      const startedAt = await Promise.race([run.at, sleep(PROMPT_MS * 4).then(() => Number.NaN)]);
      expect(startedAt - enqueuedAt).toBeLessThan(PROMPT_MS);
    });

    it("starts a job enqueued in a transaction once it commits, not before", async () => {
      const { storage } = harness;
      const run = started();
      let ran = false;
      void run.at.then(() => {
        ran = true;
      });
      idleWorker({ t: run.handler });
      await sleep(150);
      let committedAt = 0;
      await storage.transaction(async (tx) => {
        await tx.enqueue({ type: "t", key: "t-1", payload: {} });
        await sleep(200);
        // Not woken before the commit: a worker leasing now would not see the job.
        expect(ran).toBe(false);
      });
      committedAt = performance.now();
      const startedAt = await Promise.race([run.at, sleep(PROMPT_MS * 4).then(() => Number.NaN)]);
      expect(startedAt - committedAt).toBeLessThan(PROMPT_MS);
    });

    it("wakes nobody for a transaction rolled back, and still runs what a later one commits", async () => {
      const { storage } = harness;
      const seen: string[] = [];
      idleWorker({ t: async (payload) => void seen.push(String(payload)) });
      await sleep(150);
      await expect(
        storage.transaction(async (tx) => {
          await tx.enqueue({ type: "t", key: "t-rolled-back", payload: "rolled back" });
          throw new Error("abort");
        }),
      ).rejects.toThrow("abort");
      await storage.transaction((tx) => tx.enqueue({ type: "t", key: "t-2", payload: "committed" }));
      for (let i = 0; i < PROMPT_MS / 10 && seen.length === 0; i++) await sleep(10);
      expect(seen).toEqual(["committed"]);
      expect(await storage.getJobByKey("t-rolled-back")).toBeNull();
    });

    it("leaves a job scheduled for later to wait for its time", async () => {
      const { storage } = harness;
      const run = started();
      let ran = false;
      void run.at.then(() => {
        ran = true;
      });
      idleWorker({ t: run.handler });
      await sleep(150);
      const later = await storage.enqueue({
        type: "t",
        key: "t-later",
        payload: {},
        runAt: Date.now() + LONG_POLL_MS,
      });
      // Another job due now wakes the worker; it must still not take the later one.
      await storage.enqueue({ type: "other", key: "o-1", payload: {} });
      await sleep(PROMPT_MS);
      expect(ran).toBe(false);
      expect(await storage.getJob(later.id)).toMatchObject({ state: "pending", attempts: 0 });
    });

    it("keeps its concurrency limit when woken by many jobs at once", async () => {
      const { storage } = harness;
      let running = 0;
      let most = 0;
      let done = 0;
      idleWorker(
        {
          t: async () => {
            running += 1;
            most = Math.max(most, running);
            await sleep(30);
            running -= 1;
            done += 1;
          },
        },
        2,
      );
      await sleep(150);
      const startedAt = performance.now();
      await storage.transaction(async (tx) => {
        for (let i = 0; i < 10; i++) await tx.enqueue({ type: "t", key: `t-${i}`, payload: { i } });
      });
      for (let i = 0; i < 300 && done < 10; i++) await sleep(10);
      expect(done).toBe(10);
      expect(most).toBe(2);
      // Each freed slot leases the next job at once: five rounds of 30 ms, far from the poll.
      expect(performance.now() - startedAt).toBeLessThan(PROMPT_MS * 4);
    });

    it("stops listening when stopped: a job enqueued afterwards waits for the next start", async () => {
      const { storage } = harness;
      const run = started();
      let ran = false;
      void run.at.then(() => {
        ran = true;
      });
      const w = idleWorker({ t: run.handler });
      await sleep(150);
      await w.stop();
      await storage.enqueue({ type: "t", key: "t-1", payload: {} });
      await sleep(200);
      expect(ran).toBe(false);
      w.start();
      const startedAt = await Promise.race([run.at, sleep(PROMPT_MS * 4).then(() => Number.NaN)]);
      expect(startedAt).not.toBeNaN();
    });
  });
}
