import { CallBatcher } from "../storage/call-batcher.ts";
import { type Backoff, exponentialBackoff } from "./backoff.ts";
import { startHeartbeat } from "./heartbeat.ts";
import type { Job, JobLease, JobLeaseStore } from "./job.ts";
import { InvalidJobPayloadError, isJobDefinition, type JobDefinition } from "./job-type.ts";
import { isPermanentJobError } from "./permanent-job-error.ts";

export interface JobContext {
  jobId: string;
  key: string;
  type: string;
  /** 1 for the first attempt. */
  attempt: number;
  maxAttempts: number;
  workerId: string;
  /** Aborted when the lease is lost (another worker may now run the job) or on a forced stop. */
  signal: AbortSignal;
  /** How long a lease lasts; an effect guarded by `renewLease` must finish within it. */
  leaseMs: number;
  /**
   * Extends the lease now, fenced by this attempt; false (and `signal` aborted) when another worker
   * took the job over. Call it right before an effect that must not happen twice (a refund): the
   * heartbeat cannot vouch for a worker that stalled (GC, a frozen VM) since its last beat, whereas
   * a true answer means no other worker can lease the job for another `leaseMs`.
   */
  renewLease(): Promise<boolean>;
}

/** Handlers must be idempotent: the queue runs a job at least once (more only after a crash or lost lease). */
export type JobHandler = (payload: unknown, ctx: JobContext) => Promise<void>;

/**
 * What a worker runs for one job type. The server's and plugins' jobs are definitions (a payload
 * schema checked before `run`); a bare handler is for tests and tools whose payload is their own.
 */
export type JobRunner = JobHandler | JobDefinition;

export interface JobFinished {
  type: string;
  state: "done" | "failed" | "dead";
  durationMs: number;
}

export interface JobWorkerOptions {
  storage: JobLeaseStore;
  handlers: Readonly<Record<string, JobRunner>>;
  workerId: string;
  /** Jobs run at the same time by this worker. Default 4; 0 leases nothing (a web-only instance). */
  concurrency?: number;
  /** How long a lease lasts before another worker may take the job over. Default 60 s. */
  leaseMs?: number;
  /**
   * Idle wait between polls when nothing was due. Default 1 s. A job enqueued through the storage
   * (or announced by another instance) wakes the worker at once; the poll finds what no wake-up
   * told of: jobs scheduled for later coming due, retries, leases of vanished workers.
   */
  pollMs?: number;
  backoff?: Backoff;
  onJobFinished?: (finished: JobFinished) => void;
  /** Storage errors (database down); the worker keeps polling. Default: console.error. */
  onError?: (error: unknown) => void;
}

/**
 * Leases due jobs and runs their handlers. A heartbeat extends the lease while a handler runs past half
 * of it, so only a dead or hung worker loses its jobs to another.
 */
export class JobWorker {
  readonly #options: Required<Omit<JobWorkerOptions, "onJobFinished">> &
    Pick<JobWorkerOptions, "onJobFinished">;
  readonly #inFlight = new Set<Promise<void>>();
  /**
   * Jobs finishing while a completion is being written share the next statement: at webhook-delivery
   * rates one completion per job was a quarter of the database round trips.
   */
  readonly #completions: CallBatcher<JobLease, boolean>;
  #running = false;
  #loop: Promise<void> | undefined;
  /** Ends the loop's current wait; `forJobs` says whether jobs becoming due should end it. */
  #waiting: { resolve: () => void; forJobs: boolean } | undefined;
  /** Jobs became due since the last lease began: the loop leases again instead of waiting. */
  #jobsDue = false;
  #unsubscribe: (() => void) | undefined;

  constructor(options: JobWorkerOptions) {
    // `??` rather than spread defaults, so an explicit `undefined` from configuration still gets one.
    this.#options = {
      ...options,
      concurrency: options.concurrency ?? 4,
      leaseMs: options.leaseMs ?? 60_000,
      pollMs: options.pollMs ?? 1000,
      backoff: options.backoff ?? exponentialBackoff(),
      onError: options.onError ?? ((error) => console.error("job worker storage error", error)),
    };
    if (!(this.#options.concurrency >= 0)) throw new RangeError("concurrency must be >= 0");
    if (!(this.#options.leaseMs >= 10)) throw new RangeError("leaseMs must be >= 10");
    const { storage } = this.#options;
    this.#completions = new CallBatcher({
      maxBatch: 32,
      // Jobs whose handlers were answered by one grouped write finish in the same turn: waiting
      // for its end puts them all in one completion instead of the first alone and the rest after.
      gatherTurn: true,
      run: async (leases) => {
        const completed = await storage.completeJobs(leases);
        return leases.map((lease) => completed.has(lease.id));
      },
    });
  }

  get workerId(): string {
    return this.#options.workerId;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    // A web-only instance (no slots) has nothing to wake.
    if (this.#options.concurrency > 0)
      this.#unsubscribe = this.#options.storage.onJobsDue?.(() => {
        if (this.#jobsDue) return;
        this.#jobsDue = true;
        // Woken at the end of this turn, not at once: every job committed in the same turn
        // shares one lease, and work already under way (the next group commit) goes first.
        setImmediate(() => {
          if (this.#waiting?.forJobs) this.#waiting.resolve();
        });
      });
    this.#loop = this.#pollLoop();
  }

  /** Stops leasing, waits for running handlers, and hands back leases of jobs it had not started. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#waiting?.resolve();
    await this.#loop;
    await Promise.all(this.#inFlight);
  }

  /**
   * Leases what is due now (up to the free slots) and waits for those jobs; returns how many ran.
   * Used by tests and one-shot CLI runs instead of the polling loop.
   */
  async runOnce(): Promise<number> {
    const jobs = await this.#lease();
    await Promise.all(jobs.map((job) => this.#track(job)));
    return jobs.length;
  }

  /** Runs due jobs until none is left due. */
  async drain(): Promise<number> {
    let total = 0;
    for (let ran = await this.runOnce(); ran > 0; ran = await this.runOnce()) total += ran;
    return total;
  }

  async #pollLoop(): Promise<void> {
    let leasedAt = Number.NEGATIVE_INFINITY;
    while (this.#running) {
      // A lease costs a database round trip and a commit. While other jobs still run, wait until a
      // quarter of the slots are free (or a poll interval has passed) so that one lease fetches
      // several jobs instead of one per job that finishes.
      const { concurrency, pollMs } = this.#options;
      const free = concurrency - this.#inFlight.size;
      const sinceLease = performance.now() - leasedAt;
      if (this.#inFlight.size > 0 && free < Math.ceil(concurrency / 4) && sinceLease < pollMs) {
        await this.#sleep(pollMs - sinceLease, false);
        continue;
      }
      leasedAt = performance.now();
      // Cleared before the lease, so a job committed while it runs (too late for its snapshot)
      // leases again below rather than waiting for the poll.
      this.#jobsDue = false;
      let leased = 0;
      let failed = false;
      try {
        const jobs = await this.#lease();
        leased = jobs.length;
        for (const job of jobs) {
          if (this.#running) void this.#track(job);
          else await this.#options.storage.releaseJob(this.#leaseOf(job));
        }
      } catch (error) {
        failed = true;
        this.#options.onError(error);
      }
      if (!this.#running) break;
      // Leased some with slots still free: poll again at once, more may be due. All slots busy: wait
      // for one to free up. Nothing due: wait the poll interval, a slot freeing, or jobs coming due.
      // A storage error waits the poll interval whatever wakes, so a database down is not hammered.
      if (this.#inFlight.size >= concurrency) await this.#sleep(undefined, false);
      else if (failed) await this.#sleep(pollMs, false);
      else if (leased === 0 && !this.#jobsDue) await this.#sleep(pollMs, true);
    }
  }

  #lease(): Promise<Job[]> {
    const free = this.#options.concurrency - this.#inFlight.size;
    if (free <= 0) return Promise.resolve([]);
    return this.#options.storage.leaseJobs({
      workerId: this.#options.workerId,
      types: Object.keys(this.#options.handlers),
      limit: free,
      leaseMs: this.#options.leaseMs,
    });
  }

  #track(job: Job): Promise<void> {
    const run = this.#run(job).finally(() => {
      this.#inFlight.delete(run);
      this.#waiting?.resolve();
    });
    this.#inFlight.add(run);
    return run;
  }

  async #run(job: Job): Promise<void> {
    const started = performance.now();
    const { failure, permanent } = await this.#runHandler(job);
    const { storage, backoff, onError } = this.#options;
    const lease = this.#leaseOf(job);
    let state: JobFinished["state"] = failure === undefined ? "done" : "failed";
    try {
      if (failure === undefined) await this.#completions.call(lease);
      else
        state =
          (await storage.failJob(
            lease,
            failure,
            backoff(job.attempts),
            permanent ? { permanent } : undefined,
          )) ?? "failed";
    } catch (error) {
      // The outcome could not be recorded; the lease will expire and the job run again (at-least-once).
      onError(error);
    }
    this.#options.onJobFinished?.({ type: job.type, state, durationMs: performance.now() - started });
  }

  /** Runs the handler under a heartbeat; returns the error text (none on success) and whether it is final. */
  async #runHandler(job: Job): Promise<{ failure: string | undefined; permanent: boolean }> {
    const { storage, leaseMs, handlers, onError } = this.#options;
    const lease = this.#leaseOf(job);
    const controller = new AbortController();
    // In-process: the lease belongs to this attempt and means nothing once the process is gone.
    const heartbeat = startHeartbeat(leaseMs / 2, async () => {
      try {
        const held = await storage.extendLease(lease, leaseMs);
        if (!held) controller.abort(new Error("lease lost"));
        return held;
      } catch (error) {
        onError(error);
        return undefined;
      }
    });
    try {
      const handler = handlers[job.type];
      if (!handler) throw new Error(`no handler for job type ${job.type}`);
      await runJob(handler, job, {
        jobId: job.id,
        key: job.key,
        type: job.type,
        attempt: job.attempts,
        maxAttempts: job.maxAttempts,
        workerId: lease.workerId,
        signal: controller.signal,
        leaseMs,
        renewLease: async () => {
          const held = await storage.extendLease(lease, leaseMs);
          if (!held) controller.abort(new Error("lease lost"));
          return held;
        },
      });
      return { failure: undefined, permanent: false };
    } catch (error) {
      return { failure: describeError(error), permanent: isPermanentJobError(error) };
    } finally {
      await heartbeat.stop();
    }
  }

  #leaseOf(job: Job): JobLease {
    return { id: job.id, workerId: this.#options.workerId, attempt: job.attempts };
  }

  /** Waits `ms` (forever when undefined) or until woken: a slot freeing, a stop, or jobs due if `forJobs`. */
  #sleep(ms: number | undefined, forJobs: boolean): Promise<void> {
    return new Promise((resolve) => {
      const waiting = { resolve: () => {}, forJobs };
      const timer = ms === undefined ? undefined : setTimeout(() => waiting.resolve(), ms);
      waiting.resolve = () => {
        clearTimeout(timer);
        if (this.#waiting === waiting) this.#waiting = undefined;
        resolve();
      };
      this.#waiting = waiting;
    });
  }
}

/** A definition's payload is checked first: a malformed one is dead at once, retrying reads it again. */
async function runJob(handler: JobRunner, job: Job, ctx: JobContext): Promise<void> {
  if (!isJobDefinition(handler)) return handler(job.payload, ctx);
  const parsed = handler.payload.safeParse(job.payload);
  if (!parsed.success) throw new InvalidJobPayloadError(job.type, parsed.error);
  return handler.run(parsed.data, ctx);
}

/** Stored on the job for operators; capped so a huge error (an HTML page in a message) stays small. */
function describeError(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.slice(0, 2000);
}
