import type { JobQueue } from "@alma-suite/core/storage";

/**
 * Runs due jobs now (rather than at the worker's next poll) and waits until nothing is left to do:
 * no job running, none due. Jobs scheduled later (retries after backoff, the next day's cleanup)
 * do not count.
 */
export async function waitForIdleJobs(
  server: { storage: JobQueue; worker: { drain(): Promise<number> } },
  timeoutMs = 10_000,
): Promise<void> {
  const { storage } = server;
  const until = Date.now() + timeoutMs;
  for (;;) {
    await server.worker.drain();
    const jobs = await storage.listJobs({ limit: 1000 });
    const busy = jobs.filter(
      (j) =>
        j.state === "running" || ((j.state === "pending" || j.state === "failed") && j.runAt <= Date.now()),
    );
    if (busy.length === 0) return;
    if (Date.now() > until)
      throw new Error(`jobs still busy: ${busy.map((j) => `${j.key} (${j.state})`).join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Polls a condition (a job done, a mutation received) until it holds. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error("timed out waiting for a condition");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
