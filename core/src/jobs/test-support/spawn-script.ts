import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

export interface SpawnedScript {
  child: ChildProcess;
  /** Resolves when the child reports it has started its worker. */
  ready: Promise<void>;
  /** Resolves with the exit code, or the signal name when killed. */
  exited: Promise<number | string>;
}

/**
 * Runs a sibling TypeScript script in a real child process. `process.execPath` is the Node 24 running
 * vitest, which strips types natively, so the script imports our `.ts` sources as they are.
 */
export function spawnScript(scriptName: string, args: string[]): SpawnedScript {
  const script = fileURLToPath(new URL(`./${scriptName}`, import.meta.url));
  const child = spawn(process.execPath, ["--no-warnings", script, ...args], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = once(child, "exit").then(([code, signal]) => (code ?? signal) as number | string);
  const ready = new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    exited.then((status) => reject(new Error(`${scriptName} exited before ready: ${status}`)));
  });
  ready.catch(() => {});
  return { child, ready, exited };
}

/** Polls until `check` is true; fails after `timeoutMs` so a stuck test reports instead of hanging. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
