import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";

export interface Target<T> {
  info: T;
  child: ChildProcess;
  /** Peak resident memory of the target process so far, in MiB (Linux VmHWM). */
  peakRssMiB(): number;
  rssMiB(): number;
  stop(): Promise<void>;
}

/** Runs a target script in its own Node 24 process and waits for its `READY {json}` line. */
export async function spawnTarget<T>(
  script: string,
  args: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<Target<T>> {
  const child = spawn(process.execPath, [script, ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const info = await new Promise<T>((resolve, reject) => {
    let buffer = "";
    child.stdout?.on("data", (chunk) => {
      buffer += String(chunk);
      const line = buffer.split("\n").find((l) => l.startsWith("READY "));
      if (line) resolve(JSON.parse(line.slice(6)) as T);
    });
    child.once("exit", (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
  });
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
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => child.kill("SIGKILL"), 5000).unref();
      }),
  };
}
