import { type JobQueue, type PeriodicTask, periodicTask, type StorageOps } from "@alma-suite/core/storage";

const DAY_MS = 86_400_000;
/** Processed-notification keys are kept a month (see `Storage.purgeProcessedNotifications`). */
export const PROCESSED_KEY_RETENTION_DAYS = 30;
/** Job type of the hourly purge. */
export const DONE_JOB_PURGE_JOB = "core:done-job-purge";

export interface Purged {
  jobs: number;
  keys: number;
}

export interface DoneJobPurge {
  /** Runs one purge now; resolves to how many done jobs and processed keys it deleted. */
  runOnce(): Promise<Purged>;
  /** The hourly purge, as a periodic task (off when both retentions are 0). */
  task: PeriodicTask;
}

/**
 * Deletes done jobs older than the retention, and processed-notification keys older than
 * theirs, every hour (an instance starting queues the current hour's within a minute), so neither
 * table (nor /metrics, which counts jobs) grows forever. A periodic task: one instance runs each
 * hour's purge. A retention of 0 keeps that table's rows.
 */
export function doneJobPurge(options: {
  storage: Pick<JobQueue, "purgeDone" | "enqueue" | "listJobs"> &
    Pick<StorageOps, "purgeProcessedNotifications">;
  retentionDays: number;
  keyRetentionDays?: number;
  /** The server's clock, which the retentions count from. */
  now: () => number;
  /** The queue's clock (default `Date.now`), for the task's periods. */
  clock?: () => number;
  onPurged: (deleted: Purged) => void;
  intervalMs?: number;
}): DoneJobPurge {
  const keyDays = options.keyRetentionDays ?? PROCESSED_KEY_RETENTION_DAYS;
  const runOnce = async (): Promise<Purged> => ({
    jobs:
      options.retentionDays > 0
        ? await options.storage.purgeDone(options.now() - options.retentionDays * DAY_MS)
        : 0,
    keys:
      keyDays > 0 ? await options.storage.purgeProcessedNotifications(options.now() - keyDays * DAY_MS) : 0,
  });
  const off = options.retentionDays <= 0 && keyDays <= 0;
  const task = periodicTask({
    type: DONE_JOB_PURGE_JOB,
    everyMs: off ? 0 : (options.intervalMs ?? 3_600_000),
    queue: options.storage,
    // Started by the server: nothing waits in an idle queue between purges.
    mode: "timer",
    ...(options.clock ? { clock: options.clock } : {}),
    run: async () => {
      const deleted = await runOnce();
      if (deleted.jobs > 0 || deleted.keys > 0) options.onPurged(deleted);
    },
  });
  return { runOnce: off ? () => Promise.resolve({ jobs: 0, keys: 0 }) : runOnce, task };
}
