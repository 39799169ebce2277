import type { JobQueue } from "@alma-suite/core/storage";

const DAY_MS = 86_400_000;

export interface DoneJobPurge {
  /** Runs one purge now; resolves to how many jobs it deleted. */
  runOnce(): Promise<number>;
  stop(): void;
}

/**
 * Deletes done jobs older than the retention, once shortly after start and then every interval,
 * so the jobs table (and every query that reads it, /metrics included) stays the size of the
 * recent past instead of growing forever. Every instance may run it: the DELETE is idempotent.
 */
export function startDoneJobPurge(options: {
  storage: Pick<JobQueue, "purgeDone">;
  retentionDays: number;
  now: () => number;
  onPurged: (deleted: number) => void;
  onError: (error: unknown) => void;
  firstRunMs?: number;
  intervalMs?: number;
}): DoneJobPurge {
  const runOnce = () => options.storage.purgeDone(options.now() - options.retentionDays * DAY_MS);
  const run = () =>
    runOnce().then((deleted) => {
      if (deleted > 0) options.onPurged(deleted);
    }, options.onError);
  if (options.retentionDays <= 0) return { runOnce: () => Promise.resolve(0), stop() {} };
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
