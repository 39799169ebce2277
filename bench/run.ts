// `npm run bench`: runs every benchmark in this folder one after another (never in parallel:
// they would measure each other). Each prints its own baseline, measured in the same run.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv[2];
const benches = readdirSync(dir)
  // chaos-kill.ts checks correctness under kill -9 (lost/doubled effects), not speed: run it alone.
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && f !== "chaos-kill.ts")
  .filter((f) => !only || f.includes(only))
  .sort();
let failed = 0;
for (const bench of benches) {
  console.log(`\n=== ${bench}`);
  const result = spawnSync(process.execPath, [`${dir}${bench}`], { stdio: "inherit" });
  if (result.status !== 0) failed++;
}
process.exitCode = failed === 0 ? 0 : 1;
