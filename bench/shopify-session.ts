/**
 * Shopify payment session → redirect: the latency the suite adds over its Alma calls, at a fixed
 * 200 requests/s. Run: `npm run bench` or `npx node bench/shopify-session.ts`.
 *
 * Four processes: this one (the load, playing Shopify), the suite with the Shopify app, a fake
 * Shopify's Admin API (the app's install and settings; its GraphQL validation must not count as
 * the suite's), and the Alma sandbox (no artificial delay). The suite's answer carries a
 * `Server-Timing` header: `alma` is the time the session spent waiting on its Alma calls
 * (eligibility, then payment creation), `app` the rest of the time the server spent on it, from
 * the request's arrival to its answer (parsing, storage, choosing the plan, building the answer,
 * and any wait behind other sessions). `app` is the added latency the target is about. The same
 * figure seen from this process (whole latency minus the Alma wait) is printed too; it also holds
 * the loopback hop and this process's own delays, which the baselines show on their own.
 * Baselines at the same rate and with the same body: a raw node:http and a bare Express 5 "hello".
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AlmaClient } from "@alma-suite/core";
import { fixedRate, percentile, type Sent, serverTimingMs } from "./lib/fixed-rate.ts";
import { reportTarget, SHORT } from "./lib/report.ts";
import { SERVER_NODE_ARGS } from "./lib/server-node-args.ts";
import { spawnTarget } from "./lib/spawn-target.ts";

const rate = Number(process.env.BENCH_SHOPIFY_RATE ?? 200);
const durationS = Number(process.env.BENCH_DURATION_S ?? (SHORT ? 2 : 8));
const count = rate * durationS;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const fixture = JSON.parse(
  readFileSync(here("../fixtures/shopify/payment-sessions/sale-3x.json"), "utf8"),
) as Record<string, unknown>;

/** Session n: fresh ids and an amount no other session uses (300.00 € + n cents). */
function session(n: number, shop: string, tag: string) {
  const id = `bench${tag}${n}`;
  const body = JSON.stringify({
    ...fixture,
    id,
    gid: `gid://shopify/PaymentSession/${id}`,
    group: `group${tag}${n}`,
    amount: ((30_000 + n) / 100).toFixed(2),
  });
  return {
    path: "/shopify/payment-sessions",
    method: "POST",
    headers: {
      "content-type": "application/json",
      "shopify-shop-domain": shop,
      "shopify-request-id": `${tag}-${n}`,
      "shopify-api-version": "2026-07",
    },
    body,
  };
}

const ms = (n: number) => `${n.toFixed(2)} ms`;

async function baseline(kind: "node-http" | "express") {
  const target = await spawnTarget<{ url: string }>(here("targets/serve-baseline.ts"), [kind]);
  const cpuBefore = target.cpuSeconds();
  const sent = await fixedRate({ url: target.info.url, rate, count, request: (n) => session(n, "x", "b") });
  // CPU per request of a "hello" on this machine right now: how fast the VM runs in this run.
  const cpuUsPerRequest = ((target.cpuSeconds() - cpuBefore) * 1e6) / count;
  const peakRssMiB = target.peakRssMiB();
  await target.stop();
  const latencies = sent.map((s) => s.latencyMs);
  return {
    name: kind === "express" ? 'bare Express 5 "hello"' : 'raw node:http "hello"',
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    errors: sent.filter((s) => s.status !== 200).length,
    peakRssMiB,
    cpuUsPerRequest,
  };
}

const baselines = [await baseline("node-http"), await baseline("express")];
const sandbox = await spawnTarget<{ url: string }>(here("targets/serve-timed-sandbox.ts"));
const fakeShopify = await spawnTarget<{ shopOrigin: string }>(
  here("targets/serve-fake-shopify.ts"),
  [],
  {},
  {
    stdin: true,
  },
);
const suite = await spawnTarget<{ url: string }>(
  here("targets/serve-suite-shopify.ts"),
  [sandbox.info.url, fakeShopify.info.shopOrigin],
  {},
  // BENCH_PROF_DIR=/tmp/prof writes a CPU profile of the suite (open it in Chrome DevTools);
  // BENCH_NODE_ARGS="--trace-gc" passes other flags to the suite's Node instead.
  {
    stdin: true,
    nodeArgs: [
      ...SERVER_NODE_ARGS,
      ...(process.env.BENCH_NODE_ARGS
        ? process.env.BENCH_NODE_ARGS.split(" ")
        : process.env.BENCH_PROF_DIR
          ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`]
          : []),
    ],
  },
);
const eventLoopDelay = async () => {
  suite.send("ELD");
  return suite.nextLine<{ p50: number; p99: number; max: number }>("ELD");
};
const shop = "bench-shop.myshopify.com";
fakeShopify.send(
  `SETUP ${JSON.stringify({ appUrl: suite.info.url, shop, almaKey: "sk_test_benchShopifySession01", plans: [{ key: "general_3_0_0" }] })}`,
);
await fakeShopify.nextLine("SETUP");
try {
  const timings = async () =>
    (await (await fetch(sandbox.info.url.replace("/alma-sandbox", "/__timings"))).json()) as Record<
      string,
      { ms: number; calls: number }
    >;
  // Warm-up (JIT, connections, SQLite pages) at a gentle rate, not measured.
  await fixedRate({
    url: suite.info.url,
    rate: 50,
    count: 100,
    request: (n) => session(n + 50_000, shop, "w"),
  });
  await timings();
  await eventLoopDelay();
  const cpuBefore = { suite: suite.cpuSeconds(), sandbox: sandbox.cpuSeconds() };
  const sent = await fixedRate({
    url: suite.info.url,
    rate,
    count,
    request: (n) => session(n, shop, "m"),
  });
  const cpuUs = (target: { cpuSeconds(): number }, before: number) =>
    ((target.cpuSeconds() - before) * 1e6) / count;
  const cpuPerSession = { suite: cpuUs(suite, cpuBefore.suite), sandbox: cpuUs(sandbox, cpuBefore.sandbox) };
  const alma = await timings();
  const loopDelay = await eventLoopDelay();
  const ok = sent.filter((s) => s.status === 201 && /\/alma-sandbox\/checkout\/payment_/.test(s.body));
  const almaOf = (s: Sent) => alma[String(30_000 + s.n)];
  const almaWait = ok.map((s) => serverTimingMs(s.serverTiming, "alma") ?? Number.NaN);
  const app = ok.map((s) => serverTimingMs(s.serverTiming, "app") ?? Number.NaN);
  const addedSeenHere = ok.map((s, i) => s.latencyMs - (almaWait[i] ?? 0));
  const almaMs = ok.map((s) => almaOf(s)?.ms ?? 0);
  const calls = ok.map((s) => almaOf(s)?.calls ?? 0);
  const peakRssMiB = suite.peakRssMiB();
  const statuses = new Map<number, number>();
  for (const s of sent) statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);

  // The same two Alma calls made directly by a client at the same rate: what calling Alma costs anyway.
  const client = new AlmaClient({
    apiKey: "sk_test_benchShopifySession01",
    baseUrl: sandbox.info.url,
    maxRetries: 0,
  });
  const direct: number[] = [];
  await Promise.all(
    Array.from({ length: Math.min(count, rate * 3) }, async (_, n) => {
      await new Promise((resolve) => setTimeout(resolve, (n * 1000) / rate));
      const started = performance.now();
      const amount = 60_000 + n;
      await client.eligibility.check({
        purchase_amount: amount,
        queries: [{ installments_count: 3, deferred_days: 0, deferred_months: 0 }],
      });
      await client.payments.create({ payment: { purchase_amount: amount, installments_count: 3 } });
      direct.push(performance.now() - started);
    }),
  );

  console.log(
    `\nShopify payment session → redirect to Alma, ${count} sessions at a fixed ${rate}/s (${durationS} s)`,
  );
  console.log("target                                       p50        p99   errors  peak RSS  CPU/request");
  for (const b of baselines) {
    console.log(
      `${b.name.padEnd(40)} ${ms(b.p50).padStart(10)} ${ms(b.p99).padStart(10)} ${String(b.errors).padStart(8)} ${`${b.peakRssMiB.toFixed(0)} MiB`.padStart(9)} ${`${b.cpuUsPerRequest.toFixed(0)} µs`.padStart(12)}`,
    );
  }
  console.log(
    `${"suite: session answered (whole)".padEnd(40)} ${ms(
      percentile(
        ok.map((s) => s.latencyMs),
        50,
      ),
    ).padStart(10)} ${ms(
      percentile(
        ok.map((s) => s.latencyMs),
        99,
      ),
    ).padStart(
      10,
    )} ${String(sent.length - ok.length).padStart(8)} ${`${peakRssMiB.toFixed(0)} MiB`.padStart(9)}`,
  );
  const row = (label: string, values: number[]) =>
    console.log(
      `${label.padEnd(40)} ${ms(percentile(values, 50)).padStart(10)} ${ms(percentile(values, 99)).padStart(10)}`,
    );
  row("  of which waiting on Alma (Server-Timing)", almaWait);
  row("    (Alma's own handler, sandbox-side)", almaMs);
  row("  added by the suite (Server-Timing app)", app);
  row("  added, seen from the load (whole − Alma)", addedSeenHere);
  row("same 2 Alma calls by a direct client", direct);
  console.log(
    `${"suite's event-loop delay (p50, p99; max)".padEnd(40)} ${ms(loopDelay.p50).padStart(10)} ${ms(loopDelay.p99).padStart(10)}; max ${ms(loopDelay.max)}`,
  );
  console.log(
    `${"CPU per session: the suite, the sandbox".padEnd(40)} ${`${cpuPerSession.suite.toFixed(0)} µs`.padStart(10)} ${`${cpuPerSession.sandbox.toFixed(0)} µs`.padStart(10)}`,
  );
  const express = baselines[1]!;
  const p99 = percentile(app, 99);
  const missing = app.filter((v) => Number.isNaN(v)).length;
  console.log(
    `\nAlma calls per session: ${Math.min(...calls)}–${Math.max(...calls)}. Sessions without Server-Timing: ${missing}. The bare Express p99 seen from the load is ${ms(express.p99)}: the floor under the figure seen from here.`,
  );
  if (ok.length < sent.length) {
    const sample = sent.find((s) => s.status !== 201 || !ok.includes(s));
    console.log(
      `answers by status: ${JSON.stringify(Object.fromEntries(statuses))}; e.g. ${sample?.body.slice(0, 200)}`,
    );
  }
  fakeShopify.send("MUTATIONS");
  console.log(
    `Shopify GraphQL mutations received by the fake (its own process) during the run: ${JSON.stringify(await fakeShopify.nextLine("MUTATIONS"))}`,
  );
  reportTarget({
    benchmark: "Shopify session → redirect: added latency",
    measured: `p99 ${ms(p99)}, p50 ${ms(percentile(app, 50))} at ${rate}/s (Server-Timing app); suite CPU ${cpuPerSession.suite.toFixed(0)} µs per session${ok.length < sent.length ? `; ${sent.length - ok.length} sessions failed` : ""}`,
    baseline: `bare Express p99 ${ms(express.p99)} seen from the load, ${express.cpuUsPerRequest.toFixed(0)} µs CPU per request`,
    target: `added p99 < 3 ms at ${rate}/s`,
    met: missing === 0 && ok.length === sent.length && p99 < 3,
  });
} finally {
  await suite.stop();
  await fakeShopify.stop();
  await sandbox.stop();
}
