// IPN arrival → platform call received: from the moment Alma's notification is due at the server
// to the moment the platform receives the call that marks its order paid, here WooCommerce's order
// update at a fake store (its own process, noting the wall-clock time of each order's first
// write), with Alma a fake in its own process answering every payment as paid. Two loads, each on
// SQLite (one instance) and on PostgreSQL with two instances sharing the database (notifications
// alternate between them): 100 IPN/s sustained for a minute (p99 < 100 ms), then a 10 s burst at
// 1,000 IPN/s (nothing lost: every order marked paid). Each notification names its own payment.
// Run: `npm run bench` or `npx node bench/ipn-to-platform.ts` (BENCH_SHORT=1: 5 s and 2 s;
// `--only sqlite|postgres`). Not measured here: Shopify's resolve (the same pipeline, another adapter).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { signIpn } from "@alma-suite/core";
import { benchPaymentId } from "./lib/bench-payment-id.ts";
import { fixedRate, percentile } from "./lib/fixed-rate.ts";
import { reportTarget, SHORT } from "./lib/report.ts";
import { SERVER_NODE_ARGS } from "./lib/server-node-args.ts";
import { spawnTarget, type Target } from "./lib/spawn-target.ts";

const { values: args } = parseArgs({ options: { only: { type: "string" } } });
const SUSTAINED = { rate: 100, seconds: SHORT ? 5 : 60 };
const BURST = { rate: 1000, seconds: SHORT ? 2 : 10 };
const ORDERS = SUSTAINED.rate * SUSTAINED.seconds + BURST.rate * BURST.seconds;
/** How long after the last notification every order must have been updated, or it counts as lost. */
const SETTLE_MS = 60_000;
const PG_URL =
  process.env.BENCH_DATABASE_URL ??
  process.env.TEST_DATABASE_URL ??
  "postgres://postgres@127.0.0.1:5432/test";
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

interface Store {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  orders: { id: number; key: string }[];
}
interface Suite {
  url: string;
  tenantId: string;
  apiKey: string;
}

async function withDatabase<T>(postgres: boolean, run: (url: string | undefined) => Promise<T>): Promise<T> {
  if (!postgres) return run(undefined);
  const { default: pg } = await import("pg");
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const name = `alma_bench_ipn_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    return await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

async function measure(label: string, instances: number, databaseUrl: string | undefined) {
  const alma = await spawnTarget<{ url: string }>(here("targets/serve-fake-alma.ts"), ["45000"]);
  const woo = await spawnTarget<Store>(
    here("targets/serve-fake-woocommerce-timed.ts"),
    [String(ORDERS)],
    {},
    {
      stdin: true,
    },
  );
  const suites: Target<Suite>[] = [];
  const masterKey = randomBytes(32).toString("hex");
  const argsDir = mkdtempSync(join(tmpdir(), "alma-bench-ipn-platform-args-"));
  try {
    for (let i = 0; i < instances; i++) {
      // A file, not a command-line argument: thousands of orders exceed what one argument may hold.
      const argsFile = join(argsDir, `instance-${i}.json`);
      writeFileSync(
        argsFile,
        JSON.stringify({ almaUrl: alma.info.url, store: woo.info, databaseUrl, masterKey, seed: i === 0 }),
      );
      suites.push(
        await spawnTarget<Suite>(
          here("targets/serve-suite-platforms.ts"),
          [argsFile],
          {},
          {
            nodeArgs: [...SERVER_NODE_ARGS],
          },
        ),
      );
    }
    const { tenantId, apiKey } = suites[0]!.info;
    const orderOf = (n: number) => woo.info.orders[n]!.id;
    // Paths and signatures made up front: the load generator shares the machine with the servers.
    const requests = Array.from({ length: ORDERS }, (_, n) => {
      const pid = benchPaymentId(n);
      return {
        path: `/alma/ipn/${tenantId}?pid=${pid}`,
        headers: { "x-alma-signature": signIpn(pid, apiKey) },
      };
    });
    const phase = async (offset: number, rate: number, seconds: number) => {
      const count = rate * seconds;
      const dueAt: number[] = [];
      // One load per instance, each at its share of the rate: notifications alternate between them.
      const started = performance.timeOrigin + performance.now();
      const sent = (
        await Promise.all(
          suites.map((suite, i) =>
            fixedRate({
              url: suite.info.url,
              rate: rate / instances,
              count: Math.ceil((count - i) / instances),
              request: (k) => {
                const n = offset + k * instances + i;
                dueAt[n - offset] = performance.timeOrigin + performance.now();
                return requests[n]!;
              },
            }),
          ),
        )
      ).flat();
      const refused = sent.filter((s) => s.status < 200 || s.status >= 300).length;
      // Wait for the store to have heard of every order of the phase, or SETTLE_MS.
      let times: Record<string, number> = {};
      const deadline = Date.now() + SETTLE_MS;
      for (;;) {
        woo.send("TIMES");
        times = await woo.nextLine<Record<string, number>>("TIMES");
        const done = Array.from({ length: count }, (_, k) => times[orderOf(offset + k)]).filter(
          Boolean,
        ).length;
        if (done === count || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      const latencies: number[] = [];
      let lost = 0;
      for (let k = 0; k < count; k++) {
        const at = times[orderOf(offset + k)];
        if (at === undefined) lost++;
        else latencies.push(at - (dueAt[k] ?? started));
      }
      return {
        count,
        refused,
        lost,
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        max: Math.max(...latencies),
        peakRssMiB: suites.map((s) => s.peakRssMiB()),
      };
    };
    const sustained = await phase(0, SUSTAINED.rate, SUSTAINED.seconds);
    const burst = await phase(sustained.count, BURST.rate, BURST.seconds);
    return { label, instances, sustained, burst };
  } finally {
    for (const suite of suites) await suite.stop();
    await woo.stop();
    await alma.stop();
    rmSync(argsDir, { recursive: true, force: true });
  }
}

const runs = [];
if (args.only !== "postgres") runs.push(await withDatabase(false, (url) => measure("SQLite", 1, url)));
if (args.only !== "sqlite") runs.push(await withDatabase(true, (url) => measure("PostgreSQL", 2, url)));

const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(
  `\nIPN arrival → WooCommerce order update received: ${SUSTAINED.rate}/s for ${SUSTAINED.seconds} s, then ${BURST.rate}/s for ${BURST.seconds} s`,
);
console.log(
  "backend                      load         p50        p99        max   refused   not received in 60 s   peak RSS",
);
for (const r of runs) {
  for (const [name, p] of [
    [`${SUSTAINED.rate}/s`, r.sustained],
    [`${BURST.rate}/s burst`, r.burst],
  ] as const) {
    console.log(
      `${`${r.label} ×${r.instances}`.padEnd(22)} ${name.padStart(12)} ${ms(p.p50).padStart(11)} ${ms(p.p99).padStart(10)} ${ms(p.max).padStart(10)} ${String(p.refused).padStart(9)} ${String(p.lost).padStart(22)}   ${p.peakRssMiB.map((m) => `${m.toFixed(0)} MiB`).join(" + ")}`,
    );
  }
}
for (const r of runs) {
  reportTarget({
    benchmark: `IPN → WooCommerce order update, ${r.label} ×${r.instances}, ${SUSTAINED.rate}/s for ${SUSTAINED.seconds} s`,
    measured: `p99 ${ms(r.sustained.p99)}, p50 ${ms(r.sustained.p50)}; ${r.sustained.lost} not received within ${SETTLE_MS / 1000} s, ${r.sustained.refused} refused`,
    target: `p99 < 100 ms, nothing lost (within ${SETTLE_MS / 1000} s of the last notification)`,
    met: r.sustained.p99 < 100 && r.sustained.lost === 0 && r.sustained.refused === 0,
  });
  reportTarget({
    benchmark: `IPN → WooCommerce order update, ${r.label} ×${r.instances}, ${BURST.rate}/s burst for ${BURST.seconds} s`,
    measured: `${r.burst.lost} of ${r.burst.count} not received within ${SETTLE_MS / 1000} s, ${r.burst.refused} refused; p99 ${ms(r.burst.p99)}, max ${ms(r.burst.max)}`,
    target: `nothing lost (every order updated within ${SETTLE_MS / 1000} s of the last notification)`,
    met: r.burst.lost === 0 && r.burst.refused === 0,
  });
}
