// IPN ingestion: signed Alma notifications verified, recorded and queued per second by the
// whole server on SQLite, through the same Express app (rate limits, access log, metrics, error
// handler) as every other request, against a bare Express 5 handler and raw node:http measured in
// the same run on the same machine. Run: `npm run bench -- ipn` or `npx node bench/ipn-ingestion.ts`.
import { fileURLToPath } from "node:url";
import { signIpn } from "@alma-suite/core";
import { benchPaymentId } from "./lib/bench-payment-id.ts";
import { type LoadResult, load } from "./lib/load.ts";
import { reportTarget, SHORT } from "./lib/report.ts";
import { SERVER_NODE_ARGS } from "./lib/server-node-args.ts";
import { spawnTarget, type Target } from "./lib/spawn-target.ts";

const durationS = Number(process.env.BENCH_DURATION_S ?? (SHORT ? 2 : 8));
const rate = Number(process.env.BENCH_RATE ?? 500);
/** The throughput phase is cut into rounds, Express then the suite in each: see `ratioOfRounds`. */
const rounds = Number(process.env.BENCH_ROUNDS ?? 4);
const connections = 32;
/** Seconds each target is driven, uncounted, before the rounds (see the warm-up below). */
const WARM_UP_S = 3;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Row {
  name: string;
  max: LoadResult;
  fixed: LoadResult;
  peakRssMiB: number;
  /** The target's own CPU time per request in the throughput phase: steadier than req/s on a shared machine. */
  cpuUsPerRequest: number;
}

/** A running target and how its throughput phase went so far. */
interface Driven {
  target: Target<{ url: string }>;
  request: (n: number) => { path: string; headers?: Record<string, string> };
  /** Requests sent so far, so each phase goes on with requests not sent yet. */
  sent: number;
  results: LoadResult[];
  cpuSeconds: number;
}

const baselinePath = () => ({ path: "/alma/ipn/ten_x?pid=payment_11abc" });

async function startBaseline(kind: "node-http" | "express"): Promise<Driven> {
  const target = await spawnTarget<{ url: string }>(here("targets/serve-baseline.ts"), [kind]);
  return { target, request: baselinePath, sent: 0, results: [], cpuSeconds: 0 };
}

async function startSuite(): Promise<Driven> {
  // Each IPN names a different payment, as in production, so none is coalesced into another's job;
  // they arrive in the order the payments were created, as customers pay soon after checkout.
  const links = Math.ceil(((durationS + WARM_UP_S) * 20_000 + durationS * rate) * 1.2);
  const target = await spawnTarget<{ url: string; tenantId: string; apiKey: string }>(
    here("targets/serve-suite-ipn.ts"),
    [String(links)],
    {},
    // BENCH_PROF_DIR=/tmp/prof writes a CPU profile of the suite (open it in Chrome DevTools);
    // BENCH_NODE_ARGS="--max-semi-space-size=4" passes other flags to the suite's Node.
    {
      nodeArgs: [
        ...SERVER_NODE_ARGS,
        ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(" ") : []),
        ...(process.env.BENCH_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`] : []),
      ],
    },
  );
  const { tenantId, apiKey } = target.info;
  // Paths and signatures made up front: the load generator shares the machine with the server.
  const requests = Array.from({ length: links }, (_, n) => {
    const pid = benchPaymentId(n);
    return {
      path: `/alma/ipn/${tenantId}?pid=${pid}`,
      headers: { "x-alma-signature": signIpn(pid, apiKey) },
    };
  });
  return { target, request: (n) => requests[n % links]!, sent: 0, results: [], cpuSeconds: 0 };
}

/** Drives one target as fast as it answers for `seconds`, counting its CPU time. */
async function drive(driven: Driven, seconds: number): Promise<LoadResult> {
  const offset = driven.sent;
  const cpuBefore = driven.target.cpuSeconds();
  const result = await load({
    url: driven.target.info.url,
    durationS: seconds,
    connections,
    request: (n) => driven.request(offset + n),
  });
  driven.cpuSeconds += driven.target.cpuSeconds() - cpuBefore;
  driven.sent += result.total + connections;
  driven.results.push(result);
  return result;
}

/** The rounds of a throughput phase as one result: requests per second over the whole phase. */
function merged(results: LoadResult[], seconds: number): LoadResult {
  const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
  return {
    requestsPerSecond: sum((r) => r.total) / seconds,
    p50Ms: Math.max(...results.map((r) => r.p50Ms)),
    p99Ms: Math.max(...results.map((r) => r.p99Ms)),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    total: sum((r) => r.total),
  };
}

/** Latency at a fixed rate, then the row of a target, which is stopped. */
async function finish(driven: Driven, name: string, seconds: number): Promise<Row> {
  const max = merged(driven.results, seconds);
  const offset = driven.sent;
  const fixed = await load({
    url: driven.target.info.url,
    durationS,
    connections: 8,
    rate,
    request: (n) => driven.request(offset + n),
  });
  const peakRssMiB = driven.target.peakRssMiB();
  await driven.target.stop();
  return { name, max, fixed, peakRssMiB, cpuUsPerRequest: (driven.cpuSeconds * 1e6) / max.total };
}

const nodeHttp = await startBaseline("node-http");
await drive(nodeHttp, durationS);
const nodeRow = await finish(nodeHttp, "raw node:http", durationS);

// The machine is shared, and its speed drifts within minutes: Express and the suite take turns in
// short rounds, so each round's ratio compares two figures measured under the same conditions.
const express = await startBaseline("express");
const suite = await startSuite();
// A fresh process answers its first requests slowly while V8 is still compiling and optimizing its
// code on background threads, which on a small machine take CPU from both targets: WARM_UP_S of
// each, the same for Express and the suite, not counted, before the rounds.
for (const driven of [express, suite]) {
  await drive(driven, WARM_UP_S);
  driven.results.length = 0;
  driven.cpuSeconds = 0;
}
const roundRatios: number[] = [];
const roundS = durationS / rounds;
for (let round = 0; round < rounds; round++) {
  const bare = await drive(express, roundS);
  const ipn = await drive(suite, roundS);
  roundRatios.push(ipn.requestsPerSecond / bare.requestsPerSecond);
}
const rows = [
  nodeRow,
  await finish(express, "bare Express 5", durationS),
  await finish(suite, "alma-suite IPN (SQLite)", durationS),
];
const expressRow = rows[1]!;
console.log(
  `\nIPN ingestion — ${durationS}s per phase (${rounds} rounds, Express and the suite in turn), ${connections} connections; latency at a fixed ${rate} req/s`,
);
console.log(
  "target                      req/s    ratio/Express  CPU µs/req  p50@rate  p99@rate  non-2xx  errors  peak RSS",
);
for (const row of rows) {
  console.log(
    [
      row.name.padEnd(26),
      row.max.requestsPerSecond.toFixed(0).padStart(7),
      `${(row.max.requestsPerSecond / expressRow.max.requestsPerSecond).toFixed(2)}x`.padStart(14),
      row.cpuUsPerRequest.toFixed(1).padStart(11),
      `${row.fixed.p50Ms} ms`.padStart(9),
      `${row.fixed.p99Ms} ms`.padStart(9),
      String(row.max.non2xx + row.fixed.non2xx).padStart(8),
      String(row.max.errors + row.fixed.errors).padStart(7),
      `${row.peakRssMiB.toFixed(0)} MiB`.padStart(9),
    ].join(" "),
  );
}
// The notification pays for the whole pipeline a request gets, plus its own work (verify, look up,
// queue, commit); the target is what is left for that work beside a handler that does nothing.
const TARGET = 0.4;
const ratio = ratioOfRounds(roundRatios);
const suiteRow = rows[2]!;
const cpuRatio = expressRow.cpuUsPerRequest / suiteRow.cpuUsPerRequest;
console.log(`\nratio per round: ${roundRatios.map((r) => `${r.toFixed(2)}x`).join(", ")}`);
reportTarget({
  benchmark: "IPN ingestion (SQLite), through the one Express pipeline",
  measured: `${ratio.toFixed(2)}x (median of ${rounds} rounds; by CPU per request ${cpuRatio.toFixed(2)}x): ${suiteRow.max.requestsPerSecond.toFixed(0)} req/s, ${suiteRow.cpuUsPerRequest.toFixed(1)} µs CPU per notification; p99 ${suiteRow.fixed.p99Ms} ms at ${rate}/s`,
  baseline: `Express ${expressRow.max.requestsPerSecond.toFixed(0)} req/s, ${expressRow.cpuUsPerRequest.toFixed(1)} µs CPU per request`,
  target: `≥ ${TARGET}x the bare Express throughput`,
  met: ratio >= TARGET,
});
reportTarget({
  benchmark: "RSS under the IPN benchmark's load",
  measured: `peak ${(suiteRow.peakRssMiB * 1.048576).toFixed(0)} MB (${suiteRow.peakRssMiB.toFixed(0)} MiB)`,
  baseline: `Express peak ${(expressRow.peakRssMiB * 1.048576).toFixed(0)} MB`,
  target: "< 200 MB",
  met: suiteRow.peakRssMiB * 1.048576 < 200,
});

/** The median of the rounds' ratios: one round disturbed by another process does not decide. */
function ratioOfRounds(ratios: number[]): number {
  const sorted = [...ratios].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
