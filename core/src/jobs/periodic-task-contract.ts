import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Storage } from "../storage/storage.ts";
import type { StorageHarness, StorageHarnessFactory } from "../storage/test-support/storage-harness.ts";
import { JobWorker } from "./job-worker.ts";
import { type PeriodicRun, periodicTask } from "./periodic-task.ts";

const EVERY = 60_000;
const TYPE = "test:periodic";

/** Periodic tasks on a backend: once per period across instances, and nothing lost to a restart. */
export function periodicTaskContract(
  name: string,
  createHarness: StorageHarnessFactory,
  /**
   * Whether the two instances of a test may poll at the very same time. Not on SQLite: two
   * connections of one process cannot wait on each other's write lock (the waiting one blocks the
   * event loop the holder needs); there the instances take turns, as separate processes would.
   */
  options: { concurrentInstances: boolean },
): void {
  describe(`${name} periodic tasks`, () => {
    let harness: StorageHarness;
    const clock = { now: 0 };
    beforeEach(async () => {
      clock.now = 10 * EVERY + 1_000;
      harness = await createHarness({ clock: () => clock.now });
    });
    afterEach(() => harness.cleanup());

    /** One server instance: its storage, its copy of the task and its worker, recording what ran. */
    function instance(
      id: string,
      storage: Storage,
      runs: { id: string; run: PeriodicRun }[],
      everyMs = EVERY,
      mode: "chain" | "timer" = "chain",
    ) {
      const task = periodicTask({
        type: TYPE,
        everyMs,
        mode,
        queue: storage,
        clock: () => clock.now,
        run: async (run) => {
          runs.push({ id, run });
        },
      });
      const worker = new JobWorker({ storage, handlers: { [TYPE]: task.job }, workerId: id });
      return { task, worker };
    }
    const periods = (runs: { run: PeriodicRun }[]) => runs.map((r) => r.run.period);

    it("runs each period once across two instances sharing the database", async () => {
      const runs: { id: string; run: PeriodicRun }[] = [];
      const a = instance("a", harness.storage, runs);
      const b = instance("b", await harness.openAnother(), runs);
      const both = async (act: (one: typeof a) => Promise<unknown>) => {
        if (options.concurrentInstances) await Promise.all([act(a), act(b)]);
        else for (const one of [a, b]) await act(one);
      };
      await both((one) => one.task.ensure());
      for (let period = 10; period < 15; period++) {
        // Both instances poll at once, twice: the period's run is leased by one of them only.
        await both((one) => one.worker.runOnce());
        await both((one) => one.worker.runOnce());
        // Starting again mid-period (a deploy) queues nothing more.
        await both((one) => one.task.ensure());
        await both((one) => one.worker.runOnce());
        clock.now = (period + 1) * EVERY + 500;
      }
      expect(periods(runs)).toEqual([10, 11, 12, 13, 14]);
      expect(runs[0]?.run).toEqual({ period: 10, everyMs: EVERY, startsAt: 10 * EVERY });
      expect(await harness.storage.countJobsByState()).toMatchObject({ done: 5, pending: 1, dead: 0 });
      const [next] = await harness.storage.listJobs({ type: TYPE, state: "pending" });
      expect(next).toMatchObject({ key: `${TYPE}:15`, runAt: 15 * EVERY });
    });

    it("loses no period to a restart, nor to an instance that died holding a run", async () => {
      const runs: { id: string; run: PeriodicRun }[] = [];
      const first = instance("first", harness.storage, runs);
      await first.task.ensure();
      expect(await first.worker.runOnce()).toBe(1);
      // The instance stops; the next one starts after the period ended.
      clock.now = 11 * EVERY + 5_000;
      const second = instance("second", await harness.openAnother(), runs);
      await second.task.ensure();
      expect(await second.worker.runOnce()).toBe(1);
      expect(await second.worker.runOnce()).toBe(0);
      // Period 12's run is leased by an instance that dies before finishing it.
      clock.now = 12 * EVERY + 1;
      const [held] = await harness.storage.leaseJobs({
        workerId: "dying",
        types: [TYPE],
        limit: 1,
        leaseMs: 30,
      });
      expect(held?.key).toBe(`${TYPE}:12`);
      expect(await second.worker.runOnce()).toBe(0);
      await sleep(50);
      clock.now += 1_000;
      expect(await second.worker.runOnce()).toBe(1);
      expect(runs.map((r) => `${r.id}:${r.run.period}`)).toEqual(["first:10", "second:11", "second:12"]);
    });

    it("lets a late run stand for the periods it missed, then goes on from the current one", async () => {
      const runs: { id: string; run: PeriodicRun }[] = [];
      const a = instance("a", harness.storage, runs);
      await a.task.ensure();
      await a.worker.runOnce();
      // Nothing ran for five periods (every instance was down).
      clock.now = 16 * EVERY + 10;
      expect(await a.worker.drain()).toBe(1);
      expect(periods(runs)).toEqual([10, 11]);
      const [next] = await harness.storage.listJobs({ type: TYPE, state: "pending" });
      expect(next).toMatchObject({ key: `${TYPE}:17`, runAt: 17 * EVERY });
    });

    it("hands a run queued under another interval over to the current chain, and carries an older chain's row on", async () => {
      const runs: { id: string; run: PeriodicRun }[] = [];
      const before = instance("before", harness.storage, runs, 30_000);
      await before.task.ensure();
      // A row of the chain this helper replaced: its key and `{slot}`, the period of the current interval.
      await harness.storage.enqueue({ type: TYPE, key: `${TYPE}:10`, payload: { slot: 10 } });
      const after = instance("after", harness.storage, runs);
      // Leased together: the other interval's row does no work; the older chain's row is period 10.
      expect(await after.worker.runOnce()).toBe(2);
      expect(periods(runs)).toEqual([10]);
      expect(await after.worker.runOnce()).toBe(0);
      const waiting = await harness.storage.listJobs({ type: TYPE, state: "pending" });
      expect(waiting.map((j) => [j.key, j.payload])).toEqual([
        [`${TYPE}:11`, { period: 11, everyMs: EVERY }],
      ]);
      expect(await harness.storage.countJobsByState()).toMatchObject({ dead: 0 });
    });

    it("queues nothing while turned off, and a run queued before it was turned off does nothing", async () => {
      const runs: { id: string; run: PeriodicRun }[] = [];
      const on = instance("on", harness.storage, runs);
      await on.task.ensure();
      const off = instance("off", harness.storage, runs, 0);
      await off.task.ensure();
      expect(await harness.storage.countJobsByState()).toMatchObject({ pending: 1 });
      expect(await off.worker.drain()).toBe(1);
      expect(runs).toEqual([]);
      expect(await harness.storage.countJobsByState()).toMatchObject({ pending: 0, done: 1 });
    });

    it("with timers: each instance queues the current period, one job runs it, and nothing waits between runs", async () => {
      const runs: { id: string; run: PeriodicRun }[] = [];
      const a = instance("a", harness.storage, runs, EVERY, "timer");
      const b = instance("b", await harness.openAnother(), runs, EVERY, "timer");
      const errors: unknown[] = [];
      const timers = [a, b].map((one) => one.task.start({ tickMs: 15, onError: (e) => errors.push(e) }));
      try {
        const queued = async (n: number) => {
          for (let i = 0; i < 200 && (await harness.storage.listJobs({ type: TYPE })).length < n; i++)
            await sleep(10);
        };
        await queued(1);
        await sleep(60); // several more ticks of both instances in the same period
        expect(await a.worker.drain()).toBe(1);
        expect(await b.worker.drain()).toBe(0);
        expect(await harness.storage.countJobsByState()).toMatchObject({ pending: 0, done: 1 });
        // The next period: queued by the ticks, run once; an instance restarting (its timer anew)
        // within the period adds nothing.
        clock.now = 11 * EVERY + 10;
        await queued(2);
        expect(await b.worker.drain()).toBe(1);
        await timers[0]?.stop();
        timers[0] = a.task.start({ tickMs: 15, onError: (e) => errors.push(e) });
        await sleep(60);
        expect(await a.worker.drain()).toBe(0);
        expect(periods(runs)).toEqual([10, 11]);
        expect(await harness.storage.countJobsByState()).toMatchObject({ pending: 0, done: 2 });
        expect(errors).toEqual([]);
      } finally {
        await Promise.all(timers.map((t) => t?.stop()));
      }
    });

    it("starts a tenant's chain at the next period when asked, and ends it once the tenant is gone", async () => {
      const runs: PeriodicRun[] = [];
      const gone = new Set<string>();
      const task = periodicTask({
        type: TYPE,
        everyMs: EVERY,
        queue: harness.storage,
        clock: () => clock.now,
        startWith: "next",
        active: async (run) => !gone.has(run.tenantId ?? ""),
        run: async (run) => void runs.push(run),
      });
      const worker = new JobWorker({
        storage: harness.storage,
        handlers: { [TYPE]: task.job },
        workerId: "w",
      });
      await task.ensure({ tenantId: "ten_a" });
      const [first] = await harness.storage.listJobs({ type: TYPE });
      expect(first).toMatchObject({ key: `${TYPE}:ten_a:11`, runAt: 11 * EVERY, tenantId: "ten_a" });
      expect(await worker.drain()).toBe(0);
      clock.now = 11 * EVERY;
      expect(await worker.drain()).toBe(1);
      // An older chain's row named only its tenant: it runs as the period it runs in.
      await harness.storage.enqueue({ type: TYPE, key: "legacy-b", payload: { tenantId: "ten_b" } });
      expect(await worker.drain()).toBe(1);
      expect(runs.map((r) => `${r.tenantId}:${r.period}`)).toEqual(["ten_a:11", "ten_b:11"]);
      gone.add("ten_a");
      clock.now = 12 * EVERY;
      expect(await worker.drain()).toBe(2);
      expect(runs.map((r) => `${r.tenantId}:${r.period}`)).toEqual(["ten_a:11", "ten_b:11", "ten_b:12"]);
      const waiting = await harness.storage.listJobs({ type: TYPE, state: "pending" });
      expect(waiting.map((j) => j.key)).toEqual([`${TYPE}:ten_b:13`]);
    });

    it("keeps one chain per tenant for a task run per tenant, filed under the tenant", async () => {
      const runs: { id: string; run: PeriodicRun }[] = [];
      const a = instance("a", harness.storage, runs);
      await Promise.all([a.task.ensure({ tenantId: "ten_a" }), a.task.ensure({ tenantId: "ten_b" })]);
      await a.task.ensure({ tenantId: "ten_a" });
      expect(await a.worker.drain()).toBe(2);
      expect(runs.map((r) => r.run.tenantId).sort()).toEqual(["ten_a", "ten_b"]);
      const waiting = await harness.storage.listJobs({ type: TYPE, state: "pending", tenantId: "ten_a" });
      expect(waiting.map((j) => j.key)).toEqual([`${TYPE}:ten_a:11`]);
    });
  });
}
