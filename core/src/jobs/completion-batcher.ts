import type { JobLease, JobLeaseStore } from "./job.ts";

interface Waiting {
  lease: JobLease;
  done: (completed: boolean | Error) => void;
}

/** At most this many completions per statement; a worker's concurrency is usually below it. */
const MAX_BATCH = 32;

/**
 * Records finished jobs as done in groups: the first completion is written at once, and every
 * job finishing while that statement is on its way joins the next one. On PostgreSQL each
 * statement is a network round trip, and at webhook-delivery rates the completions alone were a
 * quarter of them. Each caller still learns whether its own lease was honoured.
 */
export class CompletionBatcher {
  readonly #store: Pick<JobLeaseStore, "completeJobs">;
  #waiting: Waiting[] = [];
  #writing = false;

  constructor(store: Pick<JobLeaseStore, "completeJobs">) {
    this.#store = store;
  }

  complete(lease: JobLease): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ lease, done: (r) => (r instanceof Error ? reject(r) : resolve(r)) });
      if (!this.#writing) void this.#write();
    });
  }

  async #write(): Promise<void> {
    this.#writing = true;
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, MAX_BATCH);
      try {
        const completed = await this.#store.completeJobs(batch.map((w) => w.lease));
        for (const w of batch) w.done(completed.has(w.lease.id));
      } catch (error) {
        for (const w of batch) w.done(error instanceof Error ? error : new Error(String(error)));
      }
    }
    this.#writing = false;
  }
}
