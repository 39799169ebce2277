import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { StorageHarness, StorageHarnessFactory } from "../storage/test-support/storage-harness.ts";
import type { JobLeaseStore } from "./job.ts";
import { InvalidJobPayloadError, jobType } from "./job-type.ts";
import type { JobFinished, JobHandler, JobRunner } from "./job-worker.ts";
import { JobWorker } from "./job-worker.ts";
import { PermanentJobError } from "./permanent-job-error.ts";

/** The durable-queue battery every storage backend must pass. */
export function jobContract(name: string, createHarness: StorageHarnessFactory): void {
  describe(`${name} job queue contract`, () => {
    let harness: StorageHarness;
    const workers: JobWorker[] = [];
    beforeEach(async () => {
      harness = await createHarness();
    });
    afterEach(async () => {
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await harness.cleanup();
    });
    function worker(
      handlers: Record<string, JobRunner>,
      options: Partial<ConstructorParameters<typeof JobWorker>[0]> = {},
    ) {
      const w = new JobWorker({
        storage: harness.storage,
        handlers,
        workerId: `w${workers.length}`,
        pollMs: 10,
        ...options,
      });
      workers.push(w);
      return w;
    }

    it("runs a job enqueued twice under one key exactly once", async () => {
      const { storage } = harness;
      const first = await storage.enqueue({ type: "echo", key: "refund:re_1", payload: { n: 1 } });
      const second = await storage.enqueue({ type: "echo", key: "refund:re_1", payload: { n: 2 } });
      expect(second.id).toBe(first.id);
      expect(second.payload).toEqual({ n: 1 });
      const seen: unknown[] = [];
      const w = worker({ echo: async (payload) => void seen.push(payload) });
      expect(await w.drain()).toBe(1);
      await storage.enqueue({ type: "echo", key: "refund:re_1", payload: { n: 3 } });
      expect(await w.drain()).toBe(0);
      expect(seen).toEqual([{ n: 1 }]);
      expect(await storage.getJob(first.id)).toMatchObject({
        state: "done",
        attempts: 1,
        finishedAt: expect.any(Number),
      });
    });

    it("answers a new job exactly as it was stored, and an existing key with the stored job", async () => {
      const { storage } = harness;
      const payload = { tenantId: "ten_1", paymentLinkId: "pay_1", at: new Date(0), skipped: undefined };
      const made = await storage.enqueue({
        type: "echo",
        key: "k:stored",
        payload,
        runAt: 1234.9,
        maxAttempts: 3,
      });
      expect(made).toEqual(await storage.getJob(made.id));
      expect(made).toMatchObject({
        state: "pending",
        attempts: 0,
        maxAttempts: 3,
        runAt: 1234,
        tenantId: "ten_1",
        subjectId: "pay_1",
        payload: { tenantId: "ten_1", paymentLinkId: "pay_1", at: "1970-01-01T00:00:00.000Z" },
      });
      expect(Object.keys(made.payload as object)).not.toContain("skipped");
      const again = await storage.enqueue({ type: "other", key: "k:stored", payload: { n: 2 } });
      expect(again).toEqual(await storage.getJob(made.id));
      expect(
        await storage.transaction((tx) => tx.enqueue({ type: "echo", key: "k:tx", payload: {} })),
      ).toEqual(await storage.getJobByKey("k:tx"));
    });

    it("retries with backoff, then succeeds", async () => {
      const { storage } = harness;
      const job = await storage.enqueue({ type: "flaky", key: "flaky-1", payload: {} });
      let calls = 0;
      const delays: number[] = [];
      const finished: JobFinished["state"][] = [];
      const w = worker(
        {
          flaky: async (_payload, ctx) => {
            calls += 1;
            expect(ctx.attempt).toBe(calls);
            if (calls < 3) throw new Error(`Alma 503 #${calls}`);
          },
        },
        {
          backoff: (attempts) => {
            delays.push(attempts);
            return 150;
          },
          onJobFinished: (f) => void finished.push(f.state),
        },
      );
      const before = Date.now();
      expect(await w.runOnce()).toBe(1);
      const failed = await storage.getJob(job.id);
      expect(failed).toMatchObject({
        state: "failed",
        attempts: 1,
        lastError: "Error: Alma 503 #1",
        leaseUntil: null,
      });
      expect(failed?.runAt).toBeGreaterThanOrEqual(before + 150);
      expect(await w.runOnce()).toBe(0);
      await sleep(170);
      expect(await w.runOnce()).toBe(1);
      await sleep(170);
      expect(await w.runOnce()).toBe(1);
      expect(await storage.getJob(job.id)).toMatchObject({ state: "done", attempts: 3 });
      expect(delays).toEqual([1, 2]);
      expect(finished).toEqual(["failed", "failed", "done"]);
    });

    it("marks a job dead after its last attempt, and retryJob revives it", async () => {
      const { storage } = harness;
      const job = await storage.enqueue({ type: "broken", key: "broken-1", payload: {}, maxAttempts: 2 });
      let fail = true;
      const finished: JobFinished[] = [];
      const w = worker(
        {
          broken: async () => {
            if (fail) throw new TypeError("bad payload");
          },
        },
        { backoff: () => 0, onJobFinished: (f) => void finished.push(f) },
      );
      expect(await w.drain()).toBe(2);
      const dead = await storage.getJob(job.id);
      expect(dead).toMatchObject({ state: "dead", attempts: 2, lastError: "TypeError: bad payload" });
      expect(dead?.finishedAt).toEqual(expect.any(Number));
      expect(finished.map((f) => [f.type, f.state])).toEqual([
        ["broken", "failed"],
        ["broken", "dead"],
      ]);
      expect(finished[0]?.durationMs).toBeGreaterThanOrEqual(0);
      expect(await w.drain()).toBe(0);

      fail = false;
      expect(await storage.retryJob(job.id)).toMatchObject({ state: "pending", attempts: 0 });
      expect(await w.drain()).toBe(1);
      expect(await storage.getJob(job.id)).toMatchObject({ state: "done", attempts: 1 });
      expect(await storage.retryJob(job.id)).toBeNull();
    });

    it("purges dead jobs only, freeing their keys", async () => {
      const { storage } = harness;
      for (const key of ["d1", "d2"])
        await storage.enqueue({ type: "boom", key, payload: {}, maxAttempts: 1 });
      await storage.enqueue({ type: "ok", key: "fine", payload: {} });
      await storage.enqueue({ type: "later", key: "later", payload: {}, runAt: Date.now() + 60_000 });
      const w = worker({ boom: async () => Promise.reject(new Error("x")), ok: async () => {} });
      expect(await w.drain()).toBe(3);
      expect(await storage.countJobsByState()).toEqual({
        pending: 1,
        running: 0,
        failed: 0,
        done: 1,
        dead: 2,
      });
      expect((await storage.listJobs({ state: "dead" })).map((j) => j.key).sort()).toEqual(["d1", "d2"]);
      expect((await storage.listJobs({ type: "ok" })).map((j) => j.key)).toEqual(["fine"]);
      expect(await storage.listJobs({ limit: 2 })).toHaveLength(2);
      expect(await storage.purgeDead()).toBe(2);
      expect(await storage.purgeDead()).toBe(0);
      expect(await storage.countJobsByState()).toMatchObject({ dead: 0, done: 1, pending: 1 });
      expect((await storage.enqueue({ type: "boom", key: "d1", payload: { again: true } })).state).toBe(
        "pending",
      );
    });

    it("makes a job dead at once when its handler says retrying cannot help, and an operator can revive it", async () => {
      const { storage } = harness;
      const job = await storage.enqueue({ type: "refused", key: "refused-1", payload: {}, maxAttempts: 100 });
      const finished: JobFinished[] = [];
      const handler: JobHandler = async () => {
        throw new PermanentJobError("the other side refused the request itself");
      };
      await worker({ refused: handler }, { onJobFinished: (f) => finished.push(f) }).drain();
      expect(await storage.getJob(job.id)).toMatchObject({
        state: "dead",
        attempts: 1,
        lastError: "PermanentJobError: the other side refused the request itself",
      });
      expect(finished.map((f) => f.state)).toEqual(["dead"]);
      expect((await storage.retryJob(job.id))?.state).toBe("pending");
    });

    it("checks a typed job's payload when it is enqueued and again when it runs", async () => {
      const { storage } = harness;
      const refund = jobType(
        "typed:refund",
        z.object({ tenantId: z.string(), amountCents: z.number().int() }),
      );
      await expect(
        refund.enqueue(storage, { key: "bad", payload: { tenantId: "ten_a", amountCents: 1.5 } }),
      ).rejects.toThrow(InvalidJobPayloadError);
      expect(await storage.getJobByKey("bad")).toBeNull();
      const good = await refund.enqueue(storage, {
        key: "good",
        payload: { tenantId: "ten_a", amountCents: 150 },
      });
      expect(good).toMatchObject({ type: "typed:refund", tenantId: "ten_a" });
      expect(refund.read(good)).toEqual({ tenantId: "ten_a", amountCents: 150 });
      // A row whose payload no longer matches (older code, a hand edit) never reaches the handler.
      const stale = await storage.enqueue({
        type: "typed:refund",
        key: "stale",
        payload: { tenantId: "ten_a", amountCents: "150" },
        maxAttempts: 5,
      });
      expect(refund.read(stale)).toBeUndefined();
      const seen: number[] = [];
      await worker({ [refund.type]: refund.define(async (p) => void seen.push(p.amountCents)) }).drain();
      expect(seen).toEqual([150]);
      const dead = await storage.getJob(stale.id);
      expect(dead).toMatchObject({ state: "dead", attempts: 1 });
      expect(dead?.lastError).toMatch(
        /^InvalidJobPayloadError: payload of a typed:refund job does not match/,
      );
      expect(dead?.lastError).toContain("amountCents");
    });

    it("files jobs under the tenant and payment their payload names, and lists and counts them per tenant", async () => {
      const { storage } = harness;
      await storage.enqueue({ type: "t", key: "a1", payload: { tenantId: "ten_a", paymentLinkId: "pay_1" } });
      await storage.enqueue({ type: "t", key: "a2", payload: { tenantId: "ten_a" }, maxAttempts: 1 });
      await storage.enqueue({ type: "t", key: "b1", payload: { tenantId: "ten_b", paymentLinkId: "pay_2" } });
      const orphan = await storage.enqueue({ type: "t", key: "none", payload: [1, 2] });
      expect(orphan).toMatchObject({ tenantId: null, subjectId: null });
      expect((await storage.listJobs({ tenantId: "ten_a" })).map((j) => j.key).sort()).toEqual(["a1", "a2"]);
      expect((await storage.listJobs({ tenantId: "ten_a", subjectId: "pay_1" })).map((j) => j.key)).toEqual([
        "a1",
      ]);
      // A subject id is only ever looked up with its tenant: another tenant's payment id finds nothing.
      expect(await storage.listJobs({ tenantId: "ten_b", subjectId: "pay_1" })).toEqual([]);
      expect(await storage.getJobByKey("b1")).toMatchObject({ tenantId: "ten_b", subjectId: "pay_2" });
      await worker({ t: async (p) => Promise.reject(new Error(JSON.stringify(p))) }).drain();
      expect(await storage.countJobsByState({ tenantId: "ten_a" })).toMatchObject({ dead: 1, failed: 1 });
      expect(await storage.countJobsByState({ tenantId: "ten_b" })).toMatchObject({ dead: 0, failed: 1 });
      expect(await storage.countJobsByState()).toMatchObject({ dead: 1, failed: 3 });
    });

    it("re-runs a job whose lease expired (crashed worker) and fences the late worker out", async () => {
      const { storage } = harness;
      const job = await storage.enqueue({ type: "slow", key: "slow-1", payload: {} });
      const [leased] = await storage.leaseJobs({
        workerId: "crashed",
        types: ["slow"],
        limit: 5,
        leaseMs: 60,
      });
      expect(leased).toMatchObject({ id: job.id, state: "running", attempts: 1, leasedBy: "crashed" });
      const w = worker({ slow: async () => {} });
      expect(await w.runOnce()).toBe(0);
      await sleep(80);
      expect(await w.runOnce()).toBe(1);
      expect(await storage.getJob(job.id)).toMatchObject({ state: "done", attempts: 2, leasedBy: "w0" });
      const late = { id: job.id, workerId: "crashed", attempt: 1 };
      expect(await storage.completeJob(late)).toBe(false);
      expect(await storage.failJob(late, "late", 0)).toBeNull();
      expect(await storage.extendLease(late, 1000)).toBe(false);
    });

    it("completes several leases in one statement, each only under its own fence", async () => {
      const { storage } = harness;
      for (let i = 0; i < 4; i++) await storage.enqueue({ type: "many", key: `many-${i}`, payload: { i } });
      const leased = await storage.leaseJobs({ workerId: "w", types: ["many"], limit: 4, leaseMs: 60_000 });
      expect(leased).toHaveLength(4);
      const [a, b, c, d] = leased.map((job) => ({ id: job.id, workerId: "w", attempt: job.attempts }));
      const completed = await storage.completeJobs([
        a!,
        b!,
        { ...c!, workerId: "someone-else" },
        { ...d!, attempt: d!.attempt + 1 },
      ]);
      expect([...completed].sort()).toEqual([a!.id, b!.id].sort());
      expect((await storage.getJob(a!.id))?.state).toBe("done");
      expect((await storage.getJob(c!.id))?.state).toBe("running");
      expect((await storage.getJob(d!.id))?.state).toBe("running");
      expect(await storage.completeJobs([a!])).toEqual(new Set());
      expect(await storage.completeJobs([])).toEqual(new Set());
    });

    it("groups the completions of jobs that finish together instead of one statement each", async () => {
      const { storage } = harness;
      for (let i = 0; i < 40; i++) await storage.enqueue({ type: "g", key: `g-${i}`, payload: { i } });
      let statements = 0;
      const counting: JobLeaseStore = {
        leaseJobs: (request) => storage.leaseJobs(request),
        completeJob: (lease) => storage.completeJob(lease),
        completeJobs: (leases) => {
          statements += 1;
          return storage.completeJobs(leases);
        },
        failJob: (lease, error, delayMs) => storage.failJob(lease, error, delayMs),
        extendLease: (lease, leaseMs) => storage.extendLease(lease, leaseMs),
        releaseJob: (lease) => storage.releaseJob(lease),
      };
      const w = worker({ g: async () => {} }, { storage: counting, concurrency: 8 });
      expect(await w.drain()).toBe(40);
      expect((await storage.countJobsByState()).done).toBe(40);
      // Eight jobs finish in the same turn each time: one statement for the first, one for the rest
      // (10 in all); one per job would be 40.
      expect(statements).toBeGreaterThan(0);
      expect(statements).toBeLessThanOrEqual(15);
    });

    it("purges done jobs finished before the retention cut-off, and nothing else", async () => {
      const { storage } = harness;
      const startedAt = Date.now();
      await storage.enqueue({ type: "t", key: "done-1", payload: {} });
      await storage.enqueue({ type: "t", key: "done-2", payload: {} });
      const later = await storage.enqueue({
        type: "t",
        key: "later",
        payload: {},
        runAt: startedAt + 60_000,
      });
      await worker({ t: async () => {} }).drain();
      expect(await storage.purgeDone(startedAt - 1)).toBe(0);
      expect(await storage.purgeDone(Date.now() + 1)).toBe(2);
      expect(await storage.getJobByKey("done-1")).toBeNull();
      expect(await storage.getJob(later.id)).toMatchObject({ state: "pending" });
      // The key is free again: the same work enqueued anew runs anew.
      const again = await storage.enqueue({ type: "t", key: "done-1", payload: {} });
      expect(again).toMatchObject({ state: "pending", attempts: 0 });
    });

    it("leases the oldest work first, due jobs and expired leases alike, never a done job", async () => {
      const { storage } = harness;
      const now = Date.now();
      const expired = await storage.enqueue({ type: "t", key: "expired", payload: {}, runAt: now - 2_000 });
      await storage.leaseJobs({ workerId: "crashed", types: ["t"], limit: 1, leaseMs: 20 });
      await sleep(40);
      const oldest = await storage.enqueue({ type: "t", key: "oldest", payload: {}, runAt: now - 3_000 });
      const newest = await storage.enqueue({ type: "t", key: "newest", payload: {}, runAt: now - 1_000 });
      const done = await storage.enqueue({ type: "t", key: "done", payload: {}, runAt: now - 4_000 });
      const [doneLease] = await storage.leaseJobs({ workerId: "x", types: ["t"], limit: 1, leaseMs: 60_000 });
      expect(doneLease?.id).toBe(done.id);
      await storage.completeJob({ id: done.id, workerId: "x", attempt: 1 });
      const first = await storage.leaseJobs({ workerId: "y", types: ["t"], limit: 2, leaseMs: 60_000 });
      expect(first.map((j) => j.id)).toEqual([oldest.id, expired.id]);
      expect(first[1]).toMatchObject({ attempts: 2, leasedBy: "y" });
      const rest = await storage.leaseJobs({ workerId: "y", types: ["t"], limit: 5, leaseMs: 60_000 });
      expect(rest.map((j) => j.id)).toEqual([newest.id]);
    });

    it("with jobs still running, leases several at a time instead of one per finished job", async () => {
      const { storage } = harness;
      for (let i = 0; i < 60; i++) await storage.enqueue({ type: "t", key: `t-${i}`, payload: { i } });
      let leases = 0;
      const counting = Object.assign(Object.create(storage) as typeof storage, {
        leaseJobs: (request: Parameters<typeof storage.leaseJobs>[0]) => {
          leases += 1;
          return storage.leaseJobs(request);
        },
      });
      const w = worker(
        { t: async (p) => sleep(2 + (Number((p as { i: number }).i) % 5)) },
        // A long poll interval leaves only the quarter-of-the-slots rule to decide when to lease:
        // with the helpers' 10 ms, a loaded machine (slower jobs) also leased on the clock, and
        // the count depended on the machine (49 once, in a full run beside an apt install).
        { storage: counting, concurrency: 8, pollMs: 1_000 },
      );
      w.start();
      while ((await storage.countJobsByState()).done < 60) await sleep(10);
      // One lease per finished job would be about 60; a quarter of the slots per lease is at most 30.
      expect(leases).toBeLessThan(40);
    });

    it("still fills a free slot within the poll interval while the other slots run long jobs", async () => {
      const { storage } = harness;
      let release = () => {};
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      for (let i = 0; i < 3; i++) await storage.enqueue({ type: "long", key: `long-${i}`, payload: {} });
      const ran: string[] = [];
      const w = worker(
        { long: () => gate, short: async (p) => void ran.push(String(p)) },
        { concurrency: 4, pollMs: 50 },
      );
      w.start();
      while ((await storage.countJobsByState()).running < 3) await sleep(10);
      await storage.enqueue({ type: "short", key: "short-1", payload: "short-1" });
      await sleep(400);
      expect(ran).toEqual(["short-1"]);
      release();
    });

    it("buries a job whose worker vanished during its final attempt", async () => {
      const { storage } = harness;
      const job = await storage.enqueue({ type: "poison", key: "poison-1", payload: {}, maxAttempts: 1 });
      await storage.leaseJobs({ workerId: "crashed", types: ["poison"], limit: 1, leaseMs: 20 });
      await sleep(40);
      expect(await worker({ poison: async () => {} }).runOnce()).toBe(0);
      expect(await storage.getJob(job.id)).toMatchObject({ state: "dead", attempts: 1 });
    });

    it("extends the lease while a long handler runs, so no other worker takes the job", async () => {
      const { storage } = harness;
      const job = await storage.enqueue({ type: "long", key: "long-1", payload: {} });
      let runs = 0;
      const handler: JobHandler = async () => {
        runs += 1;
        await sleep(2_000);
      };
      // The handler runs four leases long; the heartbeat (every half lease) must keep it. The
      // lease is long enough that a busy CI machine's event-loop stalls do not decide the test.
      const a = worker({ long: handler }, { leaseMs: 500 });
      const b = worker({ long: handler }, { leaseMs: 500 });
      const running = a.runOnce();
      await sleep(1_200);
      expect(await b.runOnce()).toBe(0);
      await running;
      expect(runs).toBe(1);
      expect(await storage.getJob(job.id)).toMatchObject({ state: "done", attempts: 1 });
    });

    it("only leases due jobs of the types it handles, and releases an unstarted lease", async () => {
      const { storage } = harness;
      await storage.enqueue({ type: "mine", key: "m", payload: {}, runAt: Date.now() + 60_000 });
      await storage.enqueue({ type: "theirs", key: "t", payload: {} });
      expect(await worker({ mine: async () => {} }).runOnce()).toBe(0);
      const [leased] = await storage.leaseJobs({ workerId: "x", types: ["theirs"], limit: 1, leaseMs: 1000 });
      expect(leased).toBeDefined();
      expect(await storage.releaseJob({ id: leased?.id ?? "", workerId: "x", attempt: 1 })).toBe(true);
      expect(await storage.getJobByKey("t")).toMatchObject({ state: "pending", attempts: 0, leasedBy: null });
    });

    it("processes jobs in the background and stop() waits for the ones in flight", async () => {
      const { storage } = harness;
      for (let i = 0; i < 12; i++) await storage.enqueue({ type: "bg", key: `bg-${i}`, payload: { i } });
      const seen = new Set<number>();
      const w = worker(
        {
          bg: async (payload) => {
            await sleep(5);
            if (typeof payload === "object" && payload !== null && "i" in payload)
              seen.add(Number(payload.i));
          },
        },
        { concurrency: 3 },
      );
      w.start();
      for (let i = 0; i < 200 && (await storage.countJobsByState()).done < 6; i++) await sleep(5);
      await w.stop();
      const counts = await storage.countJobsByState();
      expect(counts.running).toBe(0);
      expect(counts.done).toBe(seen.size);
      w.start();
      for (let i = 0; i < 200 && (await storage.countJobsByState()).done < 12; i++) await sleep(5);
      await w.stop();
      expect(seen.size).toBe(12);
      expect(await storage.countJobsByState()).toMatchObject({ done: 12, pending: 0, running: 0 });
    });
  });
}
