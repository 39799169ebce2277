import { JOB_STATES, type JobState, type Storage } from "@alma-suite/core/storage";
import type { CliIo } from "./cli-io.ts";

export async function jobsCommand(
  storage: Storage,
  args: string[],
  flags: CliFlags,
  io: CliIo,
): Promise<number> {
  const [action, id] = args;
  switch (action) {
    case "list":
    case undefined: {
      const state = flags.state;
      if (state !== undefined && !isJobState(state))
        return io.fail(`--state must be one of ${JOB_STATES.join(", ")}`);
      const counts = await storage.countJobsByState();
      io.out(
        Object.entries(counts)
          .map(([state, n]) => `${state}: ${n}`)
          .join("  "),
      );
      const jobs = await storage.listJobs({
        ...(state ? { state } : {}),
        ...(flags.type ? { type: flags.type } : {}),
        limit: Number(flags.limit ?? 50),
      });
      for (const job of jobs) {
        const error = job.lastError ? `  last error: ${job.lastError.slice(0, 80)}` : "";
        io.out(
          `${job.id}  ${job.state.padEnd(7)}  ${job.type}  ${job.key}  attempts ${job.attempts}/${job.maxAttempts}${error}`,
        );
      }
      return 0;
    }
    case "retry": {
      if (!id) return io.fail("usage: alma-suite jobs retry <job id>");
      const job = await storage.retryJob(id);
      if (!job) return io.fail(`no failed or dead job ${id}`);
      io.out(`job ${id} is pending again`);
      return 0;
    }
    case "purge-dead": {
      io.out(`purged ${await storage.purgeDead()} dead job(s)`);
      return 0;
    }
    default:
      return io.fail(`unknown jobs action "${action}" (list, retry, purge-dead)`);
  }
}

export type CliFlags = Record<string, string | undefined>;

const isJobState = (s: string): s is JobState => (JOB_STATES as readonly string[]).includes(s);
