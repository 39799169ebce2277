// `npm run bench`: runs every benchmark in this folder one after another (never in parallel:
// they would measure each other). Each prints its own baseline, measured in the same run, and its
// targets as `BENCH-RESULT {json}` lines (lib/report.ts), which end up in one table at the top of
// RESULTS.md, every target listed whether met or not. `npm run bench -- <name>` runs the matching
// files only (and leaves RESULTS.md alone); BENCH_SHORT=1 checks that each works in seconds.
import { execFileSync, spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import type { TargetResult } from "./lib/report.ts";
import { SHORT } from "./lib/report.ts";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
// Run alone, not here: chaos-kill.ts checks correctness under kill -9 (lost/doubled effects), not
// speed; woocommerce-reconcile-1m.ts takes longer than the rest together.
const ALONE = new Set(["run.ts", "chaos-kill.ts", "woocommerce-reconcile-1m.ts"]);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !ALONE.has(f))
  .filter((f) => !only || f.includes(only))
  .sort();

const started = new Date();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
const loadAtStart = load();
const results: (TargetResult & { file: string; seconds: number })[] = [];
const durations = new Map<string, number>();
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const t0 = performance.now();
  const child = spawn(process.execPath, [`${dir}${bench}`], { stdio: ["ignore", "pipe", "inherit"] });
  const found: TargetResult[] = [];
  createInterface({ input: child.stdout }).on("line", (line) => {
    if (line.startsWith("BENCH-RESULT ")) found.push(JSON.parse(line.slice("BENCH-RESULT ".length)));
    else console.log(line);
  });
  const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const seconds = (performance.now() - t0) / 1000;
  durations.set(bench, seconds);
  if (status !== 0) {
    failed++;
    results.push({
      file: bench,
      seconds,
      benchmark: bench,
      measured: `exited with ${status}`,
      target: "runs",
      met: false,
    });
  }
  // Each target was printed by the benchmark itself (lib/report.ts); only the table needs them now.
  for (const r of found) results.push({ ...r, file: bench, seconds });
}

// A full run writes bench/RESULTS.md; BENCH_RESULTS_FILE names another file to write (any run).
const resultsFile = process.env.BENCH_RESULTS_FILE ?? (!only && !SHORT ? `${dir}RESULTS.md` : undefined);
if (resultsFile) writeLatest(resultsFile);
process.exitCode = failed === 0 ? 0 : 1;

/** Replaces the table between the markers at the top of RESULTS.md with this run's. */
function writeLatest(file: string): void {
  const commit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: dir, encoding: "utf8" }).trim();
    } catch {
      return "unknown";
    }
  })();
  const cell = (s: string) => s.replaceAll("|", "\\|");
  const table = [
    "<!-- latest-run: written by `npm run bench` (bench/run.ts); edits here are overwritten -->",
    `## Latest run: ${started.toISOString().slice(0, 16).replace("T", " ")} UTC (\`npm run bench\`, commit \`${commit}\`)`,
    ...(SHORT ? ["**BENCH_SHORT=1: a check that each benchmark runs, not a measurement.**", ""] : []),
    `Load average at the start ${loadAtStart}, at the end ${load()}; ${Math.round((Date.now() - started.getTime()) / 60000)} minutes ` +
      `(${[...durations].map(([f, sec]) => `${f} ${Math.round(sec)} s`).join(", ")}).`,
    "",
    "| benchmark | measured | baseline in the same run | target | verdict | file |",
    "| --- | --- | --- | --- | --- | --- |",
    ...results.map(
      (r) =>
        `| ${cell(r.benchmark)} | ${cell(r.measured)} | ${cell(r.baseline ?? "")} | ${cell(r.target)} | ${r.met ? "**met**" : "**NOT met**"} | \`${r.file}\` |`,
    ),
    "<!-- /latest-run -->",
  ].join("\n");
  const text = readFileSync(file, "utf8");
  const begin = text.indexOf("<!-- latest-run");
  const end = text.indexOf("<!-- /latest-run -->");
  const next =
    begin >= 0 && end > begin
      ? text.slice(0, begin) + table + text.slice(end + "<!-- /latest-run -->".length)
      : text.replace(/^(# .*\n)/, `$1\n${table}\n`);
  writeFileSync(file, next);
  console.log(`\n${file}: latest run's table written (${results.length} targets)`);
}
