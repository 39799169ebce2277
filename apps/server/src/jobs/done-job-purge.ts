import type { JobQueue, StorageOps } from "@alma-suite/core/storage";

const DAY_MS = 86_400_000;
/** Processed-notification keys are kept a month (see `Storage.purgeProcessedNotifications`). */
export const PROCESSED_KEY_RETENTION_DAYS = 30;

export interface Purged {
  jobs: number;
  keys: number;
}

export interface DoneJobPurge {
  /** Runs one purge now; resolves to how many done jobs and processed keys it deleted. */
  runOnce(): Promise<Purged>;
  stop(): void;
}

/**
 * Deletes done jobs older than the retention, and processed-notification keys older than
 * theirs, once shortly after start and then every interval, so neither table (nor /metrics,
 * which counts jobs) grows forever. Every instance may run it: the DELETEs are idempotent. A
 * retention of 0 keeps that table's rows.
 */
export function startDoneJobPurge(options: {
  storage: Pick<JobQueue, "purgeDone"> & Pick<StorageOps, "purgeProcessedNotifications">;
  retentionDays: number;
  keyRetentionDays?: number;
  now: () => number;
  onPurged: (deleted: Purged) => void;
  onError: (error: unknown) => void;
  firstRunMs?: number;
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
  const run = () =>
    runOnce().then((deleted) => {
      if (deleted.jobs > 0 || deleted.keys > 0) options.onPurged(deleted);
    }, options.onError);
  if (options.retentionDays <= 0 && keyDays <= 0)
    return { runOnce: () => Promise.resolve({ jobs: 0, keys: 0 }), stop() {} };
  // unref: a pending purge never keeps the process alive.
  const first = setTimeout(run, options.firstRunMs ?? 60_000);
  const every = setInterval(run, options.intervalMs ?? 3_600_000);
  first.unref();
  every.unref();
  return {
    runOnce,
    stop() {
      clearTimeout(first);
      clearInterval(every);
    },
  };
}
