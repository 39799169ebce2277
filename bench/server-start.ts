// Server start time and idle memory: the whole suite on a fresh embedded default (migrations
// included) and on an existing data folder, against a bare Express 5 and a raw node:http process
// started the same way in the same run. The suite's first start after an install or upgrade
// compiles every module; later ones reuse Node's compile cache (see apps/server/src/cli.ts), so
// both are shown. Run: `npx node bench/server-start.ts`.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { spawnTarget } from "./lib/spawn-target.ts";

const runs = Number(process.env.BENCH_RUNS ?? 5);
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

async function measure(script: string, args: string[], env: NodeJS.ProcessEnv) {
  const started = performance.now();
  const target = await spawnTarget<unknown>(script, args, env);
  const startMs = performance.now() - started;
  await new Promise((r) => setTimeout(r, 1500)); // let start-up garbage settle
  const idleRssMiB = target.rssMiB();
  await target.stop();
  return { startMs, idleRssMiB };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

async function series(name: string, once: (i: number) => Promise<{ startMs: number; idleRssMiB: number }>) {
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await once(i));
  return {
    name,
    startMs: median(results.map((r) => r.startMs)),
    idleRssMiB: median(results.map((r) => r.idleRssMiB)),
  };
}

const folder = () => mkdtempSync(join(tmpdir(), "alma-bench-start-"));
const suite = here("targets/serve-suite-start.ts");
const reused = folder();
// One compile cache for the warm rows, filled by a start that is not measured.
const cache = folder();
await measure(suite, [], { DATA_DIR: folder(), NODE_COMPILE_CACHE: cache });
const rows = [
  await series("bare Express 5", () => measure(here("targets/serve-baseline.ts"), ["express"], {})),
  await series("raw node:http", () => measure(here("targets/serve-baseline.ts"), ["node-http"], {})),
  await series("alma-suite, first start", () =>
    measure(suite, [], { DATA_DIR: folder(), NODE_COMPILE_CACHE: folder() }),
  ),
  await series("alma-suite, fresh data folder", () =>
    measure(suite, [], { DATA_DIR: folder(), NODE_COMPILE_CACHE: cache }),
  ),
  await series("alma-suite, existing data", () =>
    measure(suite, [], { DATA_DIR: reused, NODE_COMPILE_CACHE: cache }),
  ),
];
const base = rows[0]!;
console.log(`\nServer start (until it accepts requests) and idle memory — median of ${runs} runs`);
console.log("target                          start     ratio   idle RSS   ratio");
for (const row of rows) {
  console.log(
    [
      row.name.padEnd(30),
      `${row.startMs.toFixed(0)} ms`.padStart(8),
      `${(row.startMs / base.startMs).toFixed(2)}x`.padStart(8),
      `${row.idleRssMiB.toFixed(0)} MiB`.padStart(10),
      `${(row.idleRssMiB / base.idleRssMiB).toFixed(2)}x`.padStart(7),
    ].join(" "),
  );
}
