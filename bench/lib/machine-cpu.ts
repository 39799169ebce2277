import { readdirSync, readFileSync } from "node:fs";

/** Busy and total CPU time of the whole machine so far, in seconds (from /proc/stat). */
export function machineCpu(): { busyS: number; totalS: number } {
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "")
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busyS: (total - idle) / 100, totalS: total / 100 };
}

/** CPU time (user + system, all threads) process `pid` has used so far, in seconds. */
export function processCpu(pid: number | string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields 14 and 15 of /proc/<pid>/stat, counted after the command name's closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/**
 * CPU time (seconds) used so far by the processes whose command name starts with `name`, e.g.
 * PostgreSQL's backends. Processes that exit between two readings drop out of the second one, so
 * read around a phase during which they live (a pool's connections do).
 */
export function processesCpu(name: string): number {
  let seconds = 0;
  for (const pid of readdirSync("/proc")) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const comm = readFileSync(`/proc/${pid}/comm`, "utf8");
      if (comm.startsWith(name)) seconds += processCpu(pid);
    } catch {
      // The process ended while we looked.
    }
  }
  return seconds;
}
