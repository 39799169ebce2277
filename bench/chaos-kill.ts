// `npx node bench/chaos-kill.ts --rounds 20 [--pg] [--checkouts 6]`: kill -9 the server at a random
// moment of a mixed load, restart it, let everything drain, and count lost or doubled effects at Alma
// and at the agency's webhook endpoint (definitions in chaos/count-effects.ts). Prints one line per
// round and `lost=N doubled=M` at the end; exits 1 unless both are 0. Not part of `npm run bench`:
// it measures correctness, not speed.

import { parseArgs } from "node:util";
import { startSandboxServer } from "@alma-suite/alma-sandbox";
import { runChaosRound, STEPS_PER_CHECKOUT } from "./chaos/chaos-round.ts";
import { startHookRecorder } from "./chaos/hook-recorder.ts";
import { DEFAULT_PG_URL } from "./chaos/round-database.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    checkouts: { type: "string", default: "6" },
    pg: { type: "boolean", default: false },
  },
});
const rounds = Number(values.rounds);
const checkouts = Number(values.checkouts);

// One Alma for every round, outliving each server: its IPNs retry quickly while a server is down.
const sandbox = await startSandboxServer({
  port: 0,
  ipnDelayMs: 0,
  ipnRetry: { delaysMs: [300, 600, 1200, 2500, 5000, 10_000] },
});
const hooks = await startHookRecorder();
const backend = values.pg ? "postgres" : "sqlite";
console.log(
  `chaos-kill: ${rounds} rounds on ${backend}, ${checkouts} checkouts and ${checkouts * 2} refunds each`,
);
console.log(
  "round  killed_at  cut_requests  checkouts  refunds  messages  lost  doubled  redelivered  seconds",
);

let lost = 0;
let doubled = 0;
let redelivered = 0;
let cut = 0;
try {
  for (let round = 1; round <= rounds; round++) {
    // A random point of the load (or its drain), and a few ms so the kill lands inside requests.
    const killAtStep = Math.floor(Math.random() * (checkouts * STEPS_PER_CHECKOUT + 1));
    const jitterMs = Math.floor(Math.random() * 40);
    const result = await runChaosRound({
      round,
      checkouts,
      sandbox,
      hooks,
      killAtStep,
      jitterMs,
      ...(values.pg ? { pgAdminUrl: DEFAULT_PG_URL } : {}),
    });
    lost += result.lost;
    doubled += result.doubled;
    redelivered += result.redelivered;
    cut += result.cutRequests;
    console.log(
      [
        String(round).padStart(5),
        result.killedAt.padStart(9),
        String(result.cutRequests).padStart(12),
        String(result.checkouts).padStart(9),
        String(result.refunds).padStart(7),
        String(result.messages).padStart(8),
        String(result.lost).padStart(4),
        String(result.doubled).padStart(7),
        String(result.redelivered).padStart(11),
        (result.durationMs / 1000).toFixed(1).padStart(7),
      ].join("  "),
    );
    for (const problem of result.problems) console.log(`       ${problem}`);
  }
} finally {
  await hooks.close();
  await sandbox.close();
}
console.log(
  `lost=${lost} doubled=${doubled} (requests cut by the kills: ${cut}, same message redelivered: ${redelivered})`,
);
process.exitCode = lost === 0 && doubled === 0 ? 0 : 1;
