import { type ChildProcess, spawn } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const CLI = fileURLToPath(new URL("../../apps/server/src/cli.ts", import.meta.url));

export interface ServerProcess {
  pid: number;
  /** `server-<pid>`: the worker id its job leases carry. */
  workerId: string;
  /** kill -9: no shutdown hook, no drain, leases left behind. */
  kill(): Promise<void>;
  /** SIGTERM and wait: the graceful end of a round. */
  stop(): Promise<void>;
}

/** `alma-suite start` as its own process (Node 24, like production), ready once /readyz says so. */
export async function startServerProcess(options: {
  url: string;
  env: Record<string, string>;
  logFile: string;
}): Promise<ServerProcess> {
  const log = openSync(options.logFile, "a");
  const child = spawn(process.execPath, [CLI, "start"], {
    env: { ...process.env, ...options.env },
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const deadline = Date.now() + 30_000;
  for (;;) {
    const ready = await fetch(`${options.url}/readyz`)
      .then((r) => r.status === 200)
      .catch(() => false);
    if (ready) break;
    const ended = await Promise.race([exited, delay(100).then(() => "running" as const)]);
    if (ended !== "running" || Date.now() > deadline) {
      child.kill("SIGKILL");
      const tail = readFileSync(options.logFile, "utf8").slice(-2000);
      throw new Error(`server did not become ready (exit ${String(ended)}):\n${tail}`);
    }
  }
  return handle(child, exited);
}

function handle(child: ChildProcess, exited: Promise<number | null>): ServerProcess {
  const pid = child.pid ?? 0;
  return {
    pid,
    workerId: `server-${pid}`,
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
    async stop() {
      child.kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), delay(15_000).then(() => false)]);
      if (!done) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

export function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
