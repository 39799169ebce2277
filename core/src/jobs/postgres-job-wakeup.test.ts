import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { PostgresStorage } from "../storage/postgres-storage.ts";
import { postgresHarness, TEST_DATABASE_URL } from "../storage/test-support/postgres-harness.ts";
import type { StorageHarness } from "../storage/test-support/storage-harness.ts";
import { jobWakeupContract, LONG_POLL_MS, PROMPT_MS } from "./job-wakeup-contract.ts";
import { JobWorker } from "./job-worker.ts";

jobWakeupContract("postgres", postgresHarness);

describe("postgres job wake-up across instances", () => {
  let harness: StorageHarness;
  let worker: JobWorker | undefined;
  beforeEach(async () => {
    harness = await postgresHarness();
  });
  afterEach(async () => {
    await worker?.stop();
    worker = undefined;
    await harness.cleanup();
  });

  /** A second instance (its own pool) whose idle worker records when each job starts. */
  async function idleInstance() {
    const other = await harness.openAnother();
    if (!(other instanceof PostgresStorage)) throw new Error("expected a PostgreSQL storage");
    const starts = new Map<string, number>();
    worker = new JobWorker({
      storage: other,
      handlers: { t: async (payload) => void starts.set(String(payload), performance.now()) },
      workerId: "other",
      pollMs: LONG_POLL_MS,
    });
    worker.start();
    await waitFor(() => other.listeningForJobs, "the other instance listens");
    // Its first lease found nothing: it now waits out the (minute-long) poll.
    await sleep(150);
    return { other, starts };
  }

  it("starts on another instance's idle worker a job this instance enqueued", async () => {
    const { starts } = await idleInstance();
    const enqueuedAt = performance.now();
    await harness.storage.enqueue({ type: "t", key: "t-1", payload: "plain" });
    await waitFor(() => starts.has("plain"), "the job started", PROMPT_MS * 4);
    expect(starts.get("plain")! - enqueuedAt).toBeLessThan(PROMPT_MS);

    const committedAt = await harness.storage.transaction(async (tx) => {
      await tx.enqueue({ type: "t", key: "t-2", payload: "in a transaction" });
      return () => performance.now();
    });
    const at = committedAt();
    await waitFor(() => starts.has("in a transaction"), "the job started", PROMPT_MS * 4);
    expect(starts.get("in a transaction")! - at).toBeLessThan(PROMPT_MS);
  });

  it("listens again after its connection is cut, and hears the next job", async () => {
    const { other, starts } = await idleInstance();
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    try {
      const { rows } = await admin.query(
        "SELECT pg_terminate_backend(pid) AS cut FROM pg_stat_activity WHERE application_name = $1",
        [`alma-suite jobs ${other.schema}`],
      );
      expect(rows).toEqual([{ cut: true }]);
    } finally {
      await admin.end();
    }
    await waitFor(() => !other.listeningForJobs, "the cut is noticed");
    await waitFor(() => other.listeningForJobs, "listening again", 5_000);
    const enqueuedAt = performance.now();
    await harness.storage.enqueue({ type: "t", key: "t-1", payload: "after the cut" });
    await waitFor(() => starts.has("after the cut"), "the job started", PROMPT_MS * 4);
    expect(starts.get("after the cut")! - enqueuedAt).toBeLessThan(PROMPT_MS);
  });

  it("holds no listening connection while no worker waits for jobs", async () => {
    const { other } = await idleInstance();
    await worker?.stop();
    worker = undefined;
    await waitFor(() => !other.listeningForJobs, "stopped listening");
    expect(harness.storage instanceof PostgresStorage && harness.storage.listeningForJobs).toBe(false);
  });
});

async function waitFor(check: () => boolean, what: string, withinMs = 2_000): Promise<void> {
  const deadline = performance.now() + withinMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting: ${what}`);
    await sleep(5);
  }
}
