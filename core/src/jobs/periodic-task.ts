import { z } from "zod";
import type { JobQueue } from "./job.ts";
import { type JobDefinition, jobType } from "./job-type.ts";
import type { JobContext } from "./job-worker.ts";

/** One run of a periodic task: the period it stands for (`startsAt` = period × everyMs). */
export interface PeriodicRun {
  period: number;
  everyMs: number;
  startsAt: number;
  /** Set for a task run per tenant (a store's reconciliation): whose run this is. */
  tenantId?: string;
}

export interface PeriodicTaskOptions {
  /** The job type, also the start of every period's key. */
  type: string;
  /** How often; 0 or less turns the task off (nothing is queued, a queued run does nothing). */
  everyMs: number;
  /** Where the next period's run is queued, by the run before it. */
  queue: Pick<JobQueue, "enqueue" | "listJobs">;
  now: () => number;
  run(run: PeriodicRun, ctx: JobContext): Promise<void>;
  /** Attempts of one period's run before it is dead (the next period is queued anyway). Default 5. */
  maxAttempts?: number;
}

/**
 * What a period's job carries. Earlier chains stored `{slot}` (the bridge's reconciliation) or
 * `{day}` (Shopify's token keepalive) under the same job types: such a row is read as a leftover,
 * which hands over to the current chain instead of running.
 */
const periodPayload = z.union([
  z.object({ period: z.int(), everyMs: z.int().positive(), tenantId: z.string().optional() }),
  z
    .union([z.object({ slot: z.int() }), z.object({ day: z.int() })])
    .transform(() => ({ period: -1, everyMs: 0, tenantId: undefined })),
]);
type PeriodPayload = z.output<typeof periodPayload>;

export interface PeriodicTask {
  readonly type: string;
  /** The job to register with the worker under `type`. */
  readonly job: JobDefinition<PeriodPayload>;
  /**
   * Makes sure the task is queued: the current period's run, unless a run of the task is already
   * waiting. Every instance calls it when it starts (the key makes them queue one run), and so
   * does whatever adds a tenant to a per-tenant task.
   */
  ensure(scope?: { tenantId?: string }): Promise<void>;
}

/**
 * A recurring job that is durable and runs once per period however many instances share the
 * database. Each period is one job keyed by the task, its interval and the period's number, so
 * instances queueing the same period queue one job, and the queue's leases run it once (again
 * only after a crash, like any job). A run first queues the next period's run, due when that
 * period starts, then does its work: a run that fails, even for good, does not end the chain, and
 * a restart loses nothing because the next run already waits in the database. A run that comes
 * late (no instance was running at its time, or the worker was busy) stands for the periods it
 * missed: the next one queued is the first still to come, so a long stop never replays every
 * missed period in a burst.
 */
export function periodicTask(options: PeriodicTaskOptions): PeriodicTask {
  const type = jobType(options.type, periodPayload);
  const { everyMs } = options;
  const enqueuePeriod = (period: number, runAt: number, tenantId: string | undefined) =>
    type.enqueue(options.queue, {
      key: [options.type, ...(tenantId ? [tenantId] : []), everyMs, period].join(":"),
      payload: { period, everyMs, ...(tenantId ? { tenantId } : {}) },
      runAt,
      maxAttempts: options.maxAttempts ?? 5,
    });

  async function ensure(scope: { tenantId?: string } = {}): Promise<void> {
    if (everyMs <= 0) return;
    const waiting = await options.queue.listJobs({
      type: options.type,
      state: "pending",
      ...(scope.tenantId ? { tenantId: scope.tenantId } : {}),
      limit: 20,
    });
    const current = (job: { payload: unknown }) => {
      const p = type.read({ type: options.type, payload: job.payload });
      return p !== undefined && p.everyMs === everyMs && p.tenantId === scope.tenantId;
    };
    if (waiting.some(current)) return;
    const now = options.now();
    await enqueuePeriod(Math.floor(now / everyMs), now, scope.tenantId);
  }

  return {
    type: options.type,
    ensure,
    job: type.define(async (payload, ctx) => {
      if (everyMs <= 0) return;
      // Queued under another interval (the configuration changed) or by an older chain: the
      // current chain takes over, and this row does no work of its own.
      if (payload.everyMs !== everyMs) return ensure({ tenantId: payload.tenantId });
      const currentPeriod = Math.floor(options.now() / everyMs);
      const next = Math.max(payload.period, currentPeriod) + 1;
      await enqueuePeriod(next, next * everyMs, payload.tenantId);
      await options.run(
        {
          period: payload.period,
          everyMs,
          startsAt: payload.period * everyMs,
          ...(payload.tenantId ? { tenantId: payload.tenantId } : {}),
        },
        ctx,
      );
    }),
  };
}
