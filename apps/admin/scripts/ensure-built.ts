import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ADMIN = fileURLToPath(new URL("..", import.meta.url));
/** What the Vite build reads: when none is newer than the built pages, the build is current. */
const INPUTS = [
  "src",
  "index.html",
  "dashboard.html",
  "vite.config.ts",
  "package.json",
  "../../package-lock.json",
];
const OUTPUTS = ["dist/index.html", "dist/dashboard.html"];

/**
 * Builds the dashboard when its build is missing or older than its sources, else does nothing.
 * Run at install (the root `prepare`), so the first `npm start` does not build, and before each
 * start (`prestart`), where a warm check costs a few file stats instead of a turbo run.
 */
export function ensureBuilt(dir = ADMIN, build = () => viteBuild(dir)): "built" | "current" {
  const built = Math.min(...OUTPUTS.map((file) => mtimeOf(join(dir, file)) ?? 0));
  const newest = Math.max(...INPUTS.map((input) => newestMtime(join(dir, input))));
  if (built > 0 && built >= newest) return "current";
  build();
  return "built";
}

function viteBuild(dir: string): void {
  process.stderr.write("building the dashboard (apps/admin) once…\n");
  const vite = join(
    dirname(createRequire(join(dir, "package.json")).resolve("vite/package.json")),
    "bin/vite.js",
  );
  const run = spawnSync(process.execPath, [vite, "build", "--logLevel", "warn"], {
    cwd: dir,
    stdio: "inherit",
  });
  if (run.status !== 0) throw new Error(`the dashboard build failed (exit ${run.status ?? run.signal})`);
}

function mtimeOf(path: string): number | undefined {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
}

function newestMtime(path: string): number {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

if (import.meta.main) {
  try {
    ensureBuilt();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
