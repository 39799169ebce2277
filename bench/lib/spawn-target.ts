import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { processCpu } from "./machine-cpu.ts";

export interface Target<T> {
  info: T;
  child: ChildProcess;
  /** Peak resident memory of the target process so far, in MiB (Linux VmHWM). */
  peakRssMiB(): number;
  rssMiB(): number;
  /** CPU time (user + system, all threads) the target process has used so far, in seconds. */
  cpuSeconds(): number;
  /** Writes one line to the target's stdin (targets spawned with `stdin: true`). */
  send(line: string): void;
  /** Waits for the next stdout line starting with `prefix` and returns the rest of it parsed as JSON. */
  nextLine<R>(prefix: string): Promise<R>;
  stop(): Promise<void>;
}

/** Runs a target script in its own Node 24 process and waits for its `READY {json}` line. */
export async function spawnTarget<T>(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
  options: { stdin?: boolean; nodeArgs?: string[] } = {},
): Promise<Target<T>> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script, ...args], {
    env: { ...process.env, ...env },
    stdio: [options.stdin ? "pipe" : "ignore", "pipe", "inherit"],
  });
  const waiting: { prefix: string; resolve: (value: unknown) => void }[] = [];
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code}`))),
  );
  exited.catch(() => {});
  createInterface({ input: child.stdout! }).on("line", (line) => {
    const index = waiting.findIndex((w) => line.startsWith(`${w.prefix} `));
    if (index < 0) {
      if (process.env.BENCH_ECHO) console.log(`[${script.split("/").pop()}] ${line}`);
      return;
    }
    const [w] = waiting.splice(index, 1);
    w?.resolve(JSON.parse(line.slice(w.prefix.length + 1)));
  });
  const nextLine = <R>(prefix: string) =>
    Promise.race([
      new Promise<R>((resolve) => waiting.push({ prefix, resolve: resolve as (v: unknown) => void })),
      exited,
    ]);
  const info = await nextLine<T>("READY");
  const status = (field: string) => {
    const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(
      readFileSync(`/proc/${child.pid}/status`, "utf8"),
    );
    return Number(match?.[1] ?? 0) / 1024;
  };
  return {
    info,
    child,
    peakRssMiB: () => status("VmHWM"),
    rssMiB: () => status("VmRSS"),
    cpuSeconds: () => processCpu(child.pid ?? 0),
    send: (line) => child.stdin?.write(`${line}\n`),
    nextLine,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
