import { z } from "zod";
import { startHeartbeat } from "./heartbeat.ts";
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
  /**
   * The clock the queue compares a job's `runAt` with (the storage's): periods are counted on it.
   * Default `Date.now`. A server whose own clock is shifted (tests) keeps this one real.
   */
  clock?: () => number;
  run(run: PeriodicRun, ctx: JobContext): Promise<void>;
  /** Attempts of one period's run before it is dead (the next period is queued anyway). Default 5. */
  maxAttempts?: number;
  /**
   * `chain` (the default): each run queues the next period's, so the task needs nothing but the
   * queue (a plugin's task, queued once when the plugin starts). `timer`: each instance's `start`
   * queues the current period's run a few times per period and nothing waits in the queue between
   * runs (the server's own housekeeping, which an idle queue should not show as pending work).
   */
  mode?: "chain" | "timer";
  /**
   * Which period `ensure` queues when nothing waits: the current one, due now (the default), or
   * the next one, due when it starts (a store connected now is reconciled at the next period).
   */
  startWith?: "current" | "next";
  /**
   * Asked before each run of a chain: false ends it there (a per-tenant chain of a tenant that is
   * gone), with neither this run nor the next. Default: always.
   */
  active?(run: PeriodicRun): Promise<boolean>;
}

/**
 * What a period's job carries. The chains this helper replaced stored `{slot}` (an agency
 * platform's reconciliation), `{day}` (a platform's daily token keepalive) or `{tenantId}` (one
 * store's reconciliation) under the same job types and keys: such a row is read as its period of the
 * current interval (`{tenantId}`, which named none: the period it runs in), so a deploy carries the
 * chains on.
 */
interface PeriodPayload {
  /** Absent in a `{tenantId}` row of the chains before: the period it runs in. */
  period?: number;
  /** Absent in rows of the chains before: the current interval. */
  everyMs?: number;
  tenantId?: string;
}
const periodPayload = z.union([
  z.object({ period: z.int(), everyMs: z.int().positive(), tenantId: z.string().optional() }),
  z.object({ slot: z.int() }).transform(({ slot }): PeriodPayload => ({ period: slot })),
  z.object({ day: z.int() }).transform(({ day }): PeriodPayload => ({ period: day })),
  z.object({ tenantId: z.string() }).transform(({ tenantId }): PeriodPayload => ({ tenantId })),
]);

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
  /**
   * For a `timer` task: calls `ensure` every `tickMs` (default half a period, at most a minute) in
   * this process, until stopped. The timer only queues; the run itself is a durable job.
   */
  start(options: { onError: (error: unknown) => void; tickMs?: number }): { stop(): Promise<void> };
}

/**
 * A recurring job that is durable and runs once per period however many instances share the
 * database. Each period is one job keyed by the task (and tenant) and the period's number, so
 * instances queueing the same period queue one job, and the queue's leases run it once (again
 * only after a crash, like any job); a restart loses nothing that was queued.
 *
 * What queues the periods: in `chain` mode a run first queues the next period's run, due when
 * that period starts, then does its work, so a run that fails, even for good, does not end the
 * chain, and the next run already waits in the database across restarts. In `timer` mode every
 * instance's `start` queues the current period a few times per period (the key makes that one
 * job), so nothing waits between runs and a restarted instance queues its period within a tick.
 * Either way a run that comes late (no instance was running at its time, or the worker was busy)
 * stands for the periods it missed: they are not replayed one by one after a long stop.
 */
export function periodicTask(options: PeriodicTaskOptions): PeriodicTask {
  const type = jobType(options.type, periodPayload);
  const { everyMs } = options;
  const chained = (options.mode ?? "chain") === "chain";
  const clock = options.clock ?? Date.now;
  // Keyed without the interval, as the chains before it were: a period number of another interval
  // names a time years apart, long after the done-job purge forgot the key.
  const enqueuePeriod = (period: number, runAt: number, tenantId: string | undefined) =>
    type.enqueue(options.queue, {
      key: [options.type, ...(tenantId ? [tenantId] : []), period].join(":"),
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
      return p !== undefined && (p.everyMs ?? everyMs) === everyMs && p.tenantId === scope.tenantId;
    };
    if (waiting.some(current)) return;
    const now = clock();
    const period = Math.floor(now / everyMs);
    if (options.startWith === "next") await enqueuePeriod(period + 1, (period + 1) * everyMs, scope.tenantId);
    else await enqueuePeriod(period, now, scope.tenantId);
  }

  return {
    type: options.type,
    ensure,
    start({ onError, tickMs }) {
      if (everyMs <= 0) return { stop: async () => {} };
      // Not queued at once: an instance starting queues its period within a tick, and an idle
      // server just started shows an empty queue. A few ticks per period, so a late tick (a
      // stalled event loop) still lands in its period.
      return startHeartbeat(tickMs ?? Math.min(everyMs / 2, 60_000), () =>
        ensure().then(
          () => undefined,
          (error: unknown) => {
            onError(error);
            return undefined;
          },
        ),
      );
    },
    job: type.define(async (payload, ctx) => {
      if (everyMs <= 0) return;
      // Queued under another interval (the configuration changed): the current chain takes over,
      // and this row does no work of its own.
      if (payload.everyMs !== undefined && payload.everyMs !== everyMs)
        return chained ? ensure({ tenantId: payload.tenantId }) : undefined;
      const currentPeriod = Math.floor(clock() / everyMs);
      const period = payload.period ?? currentPeriod;
      const run: PeriodicRun = {
        period,
        everyMs,
        startsAt: period * everyMs,
        ...(payload.tenantId ? { tenantId: payload.tenantId } : {}),
      };
      if (options.active && !(await options.active(run))) return;
      if (chained) {
        const next = Math.max(period, currentPeriod) + 1;
        await enqueuePeriod(next, next * everyMs, payload.tenantId);
      }
      await options.run(run, ctx);
    }),
  };
}
