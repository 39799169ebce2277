// IPN ingestion: signed Alma notifications verified, recorded and queued per second by the
// whole server on SQLite, against a bare Express 5 handler and raw node:http measured in the
// same run on the same machine. Run: `npm run bench` or `npx node bench/ipn-ingestion.ts`.
import { fileURLToPath } from "node:url";
import { signIpn } from "@alma-suite/core";
import { benchPaymentId } from "./lib/bench-payment-id.ts";
import { type LoadResult, load } from "./lib/load.ts";
import { reportTarget, SHORT } from "./lib/report.ts";
import { SERVER_NODE_ARGS } from "./lib/server-node-args.ts";
import { spawnTarget } from "./lib/spawn-target.ts";

const durationS = Number(process.env.BENCH_DURATION_S ?? (SHORT ? 2 : 8));
const rate = Number(process.env.BENCH_RATE ?? 500);
const connections = 32;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Row {
  name: string;
  max: LoadResult;
  fixed: LoadResult;
  peakRssMiB: number;
  /** The target's own CPU time per request in the throughput phase: steadier than req/s on a shared machine. */
  cpuUsPerRequest: number;
}

async function measureBaseline(kind: "node-http" | "express"): Promise<Row> {
  const target = await spawnTarget<{ url: string }>(here("targets/serve-baseline.ts"), [kind]);
  const path = () => ({ path: "/alma/ipn/ten_x?pid=payment_11abc" });
  const cpuBefore = target.cpuSeconds();
  const max = await load({ url: target.info.url, durationS, connections, request: path });
  const cpuUsPerRequest = ((target.cpuSeconds() - cpuBefore) * 1e6) / max.total;
  const fixed = await load({ url: target.info.url, durationS, connections: 8, rate, request: path });
  const peakRssMiB = target.peakRssMiB();
  await target.stop();
  return {
    name: kind === "express" ? "bare Express 5" : "raw node:http",
    max,
    fixed,
    peakRssMiB,
    cpuUsPerRequest,
  };
}

async function measureSuite(): Promise<Row> {
  // Each IPN names a different payment, as in production, so none is coalesced into another's job;
  // they arrive in the order the payments were created, as customers pay soon after checkout.
  const links = Math.ceil((durationS * 20_000 + durationS * rate) * 1.2);
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
  const { url, tenantId, apiKey } = target.info;
  // Paths and signatures made up front: the load generator shares the machine with the server.
  const requests = Array.from({ length: links }, (_, n) => {
    const pid = benchPaymentId(n);
    return {
      path: `/alma/ipn/${tenantId}?pid=${pid}`,
      headers: { "x-alma-signature": signIpn(pid, apiKey) },
    };
  });
  let offset = 0;
  const ipn = (n: number) => requests[(offset + n) % links]!;
  const cpuBefore = target.cpuSeconds();
  const max = await load({ url, durationS, connections, request: ipn });
  const cpuUsPerRequest = ((target.cpuSeconds() - cpuBefore) * 1e6) / max.total;
  offset = max.total + 1;
  const fixed = await load({ url, durationS, connections: 8, rate, request: ipn });
  const peakRssMiB = target.peakRssMiB();
  await target.stop();
  return { name: "alma-suite IPN (SQLite)", max, fixed, peakRssMiB, cpuUsPerRequest };
}

const rows = [await measureBaseline("node-http"), await measureBaseline("express"), await measureSuite()];
const express = rows[1]!;
console.log(
  `\nIPN ingestion — ${durationS}s per phase, ${connections} connections; latency at a fixed ${rate} req/s`,
);
console.log(
  "target                      req/s    ratio/Express  CPU µs/req  p50@rate  p99@rate  non-2xx  errors  peak RSS",
);
for (const row of rows) {
  console.log(
    [
      row.name.padEnd(26),
      row.max.requestsPerSecond.toFixed(0).padStart(7),
      `${(row.max.requestsPerSecond / express.max.requestsPerSecond).toFixed(2)}x`.padStart(14),
      row.cpuUsPerRequest.toFixed(1).padStart(11),
      `${row.fixed.p50Ms} ms`.padStart(9),
      `${row.fixed.p99Ms} ms`.padStart(9),
      String(row.max.non2xx + row.fixed.non2xx).padStart(8),
      String(row.max.errors + row.fixed.errors).padStart(7),
      `${row.peakRssMiB.toFixed(0)} MiB`.padStart(9),
    ].join(" "),
  );
}
const suite = rows[2]!;
const ratio = suite.max.requestsPerSecond / express.max.requestsPerSecond;
reportTarget({
  benchmark: "IPN ingestion (SQLite)",
  measured: `${ratio.toFixed(2)}x: ${suite.max.requestsPerSecond.toFixed(0)} req/s, ${suite.cpuUsPerRequest.toFixed(1)} µs CPU per notification; p99 ${suite.fixed.p99Ms} ms at ${rate}/s`,
  baseline: `Express ${express.max.requestsPerSecond.toFixed(0)} req/s, ${express.cpuUsPerRequest.toFixed(1)} µs CPU per request`,
  target: "≥ 0.5x the bare Express throughput",
  met: ratio >= 0.5,
});
reportTarget({
  benchmark: "RSS under the IPN benchmark's load",
  measured: `peak ${(suite.peakRssMiB * 1.048576).toFixed(0)} MB (${suite.peakRssMiB.toFixed(0)} MiB)`,
  baseline: `Express peak ${(express.peakRssMiB * 1.048576).toFixed(0)} MB`,
  target: "< 200 MB",
  met: suite.peakRssMiB * 1.048576 < 200,
});
