/**
 * Reconciliation of a large WooCommerce store: time and peak memory for 10,000 and 100,000 orders,
 * and how memory grows between the two (flat means ≈ 1.0×). Run: `npx node bench/woocommerce-reconcile.ts`.
 *
 * Each size runs in a fresh process (so peak RSS is that run's alone) which reconciles against a fake
 * WooCommerce and an Alma sandbox living in yet another process: their memory, which does grow with
 * the number of orders, is not the reconciler's. 2 % of the orders are Alma orders, each with a paid
 * payment link and a real sandbox payment that reconciliation fetches; the rest are other gateways.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { SERVER_NODE_ARGS } from "./lib/server-node-args.ts";

const SIZES = process.env.BENCH_ORDERS
  ? [10_000, Number(process.env.BENCH_ORDERS)]
  : process.env.BENCH_SHORT === "1"
    ? [2_000, 10_000]
    : [10_000, 100_000];
/** Peak RSS of the reconciling process, at any number of orders. */
const RSS_TARGET_MB = 200;
/** Time per order at the largest size against the smallest: linear time stays near 1. */
const LINEAR_TOLERANCE = 1.3;
const ALMA_SHARE = 50; // one Alma order in 50
const ALMA_KEY = "sk_test_benchReconcile01";
const [mode, arg] = process.argv.slice(2);

interface FakeInfo {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  sandboxUrl: string;
  almaOrders: { orderId: number; orderKey: string; pid: string; cents: number }[];
}

interface RunResult {
  orders: number;
  seconds: number;
  peakRssMb: number;
  /** Highest heap in use right after a full GC, i.e. what the run really keeps. */
  peakLiveHeapMb: number;
  /** Highest heap in use at any sample, garbage included. */
  peakHeapMb: number;
  almaOrders: number;
  failures: number;
}

function node(args: string[]) {
  // The reconciling process runs with the server's flags (the `alma-suite` command passes them).
  const flags = args[0] === "measure" ? SERVER_NODE_ARGS : [];
  return spawn(process.execPath, ["--expose-gc", ...flags, process.argv[1] ?? "", ...args], {
    stdio: ["pipe", "pipe", "inherit"],
  });
}

async function firstLine(child: ReturnType<typeof node>): Promise<string> {
  const lines = createInterface({ input: child.stdout! });
  for await (const line of lines) return line;
  throw new Error("child printed nothing");
}

/** The store and Alma: N orders, every ALMA_SHARE-th paid through a pay-by-link with a sandbox payment. */
async function fake(count: number): Promise<void> {
  const { startFakeWooCommerce } = await import("@alma-suite/woocommerce/testing");
  const { startSandboxServer } = await import("@alma-suite/alma-sandbox");
  const { AlmaClient } = await import("@alma-suite/core");
  const woo = await startFakeWooCommerce();
  const sandbox = await startSandboxServer({ port: 0, merchants: [{ testKey: ALMA_KEY }] });
  const alma = new AlmaClient({ apiKey: ALMA_KEY, baseUrl: sandbox.url, maxRetries: 0 });
  const almaOrders: FakeInfo["almaOrders"] = [];
  for (let i = 0; i < count; i++) {
    const cents = 5_000 + ((i * 7919) % 150_000);
    const isAlma = i % ALMA_SHARE === 0;
    const order = woo.createOrder({
      totalCents: cents,
      paymentMethod: isAlma ? "cheque" : i % 3 ? "stripe" : "paypal",
      status: "processing",
      billing: { first_name: "Client", last_name: String(i), email: `c${i}@example.com`, country: "FR" },
    });
    if (isAlma) {
      const payment = await alma.payments.create({
        payment: { purchase_amount: cents, installments_count: 3 },
      });
      almaOrders.push({ orderId: order.id, orderKey: order.order_key, pid: payment.id, cents });
    }
  }
  const info: FakeInfo = { url: woo.url, ...woo.addApiKey(), sandboxUrl: sandbox.url, almaOrders };
  process.stdout.write(`${JSON.stringify(info)}\n`);
  process.stdin.resume();
  process.stdin.on("end", async () => {
    await woo.close();
    await sandbox.close();
    process.exit(0);
  });
}

/** One measured run, in its own process. */
async function measure(count: number): Promise<void> {
  const child = node(["fake", String(count)]);
  const info = JSON.parse(await firstLine(child)) as FakeInfo;
  const { AlmaClient, SecretBox } = await import("@alma-suite/core");
  const { SqliteStorage } = await import("@alma-suite/core/storage");
  const { createWooAdapter, createWooDeps, reconcileStore } = await import("@alma-suite/woocommerce");
  const dir = mkdtempSync(join(tmpdir(), "bench-reconcile-"));
  const storage = new SqliteStorage({
    path: join(dir, "bench.db"),
    secretBox: new SecretBox(SecretBox.generateKey()),
  });
  await storage.migrate();
  const { tenant } = await storage.createTenant({
    platform: "woocommerce",
    externalId: info.url,
    name: "Bench store",
    settings: { storeUrl: info.url, payByLinkMethods: ["cheque"] },
  });
  await storage.setSecret(tenant.id, "wc_consumer_key", info.consumerKey);
  await storage.setSecret(tenant.id, "wc_consumer_secret", info.consumerSecret);
  for (const o of info.almaOrders) {
    await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: String(o.orderId),
      amountCents: o.cents,
      currency: "EUR",
      almaPaymentId: o.pid,
      state: "paid",
      custom: {
        orderId: o.orderId,
        orderKey: o.orderKey,
        origin: "pay_by_link",
        linkSent: true,
        pushedStatus: "processing",
      },
    });
  }
  info.almaOrders = [];
  const almaWithKey = (apiKey: string) => new AlmaClient({ apiKey, baseUrl: info.sandboxUrl, maxRetries: 0 });
  const quiet = () => {};
  const deps = createWooDeps({
    storage,
    almaFor: async () => almaWithKey(ALMA_KEY),
    almaWithKey,
    logger: { info: quiet, warn: quiet, error: quiet, debug: quiet },
    publicUrl: "http://127.0.0.1:1",
    now: Date.now,
  });
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  gc();
  let peakHeap = 0;
  let peakLive = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const sampleLive = (progress: { page: number }) => {
    sample();
    if (process.env.BENCH_MEM_TRACE && progress.page % 100 === 0) {
      const m = process.memoryUsage();
      const mb = (n: number) => (n / 1048576).toFixed(1);
      process.stderr.write(
        `page ${progress.page}: rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`,
      );
    }
    if (progress.page % 10 !== 0) return;
    gc();
    peakLive = Math.max(peakLive, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 20);
  const started = performance.now();
  const result = await reconcileStore(deps, createWooAdapter(deps), tenant.id, { onProgress: sampleLive });
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  sample();
  child.stdin!.end();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
  const out: RunResult = {
    orders: result.ordersSeen,
    seconds,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    peakLiveHeapMb: peakLive / 1024 / 1024,
    peakHeapMb: peakHeap / 1024 / 1024,
    almaOrders: result.almaOrders,
    failures: result.failures,
  };
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

async function main(): Promise<void> {
  const { measureBaselines } = await import("./lib/baselines.ts");
  const baselines = await measureBaselines();
  const results: RunResult[] = [];
  for (const size of SIZES) {
    process.stderr.write(`reconciling ${size.toLocaleString("en")} orders…\n`);
    const child = node(["measure", String(size)]);
    child.stdin!.end();
    results.push(JSON.parse(await firstLine(child)) as RunResult);
  }
  const mb = (n: number) => `${n.toFixed(1).padStart(6)} MB`;
  console.log("orders    alma   time      orders/s   peak RSS    live heap   peak heap   failures");
  for (const r of results) {
    const rate = Math.round(r.orders / r.seconds)
      .toString()
      .padStart(8);
    console.log(
      `${String(r.orders).padEnd(9)} ${String(r.almaOrders).padEnd(6)} ${r.seconds.toFixed(1).padStart(6)} s  ${rate}  ${mb(r.peakRssMb)}  ${mb(r.peakLiveHeapMb)}  ${mb(r.peakHeapMb)}   ${r.failures}`,
    );
  }
  // The machine's yardstick, measured in this run: what a hello handler serves per second.
  for (const b of baselines) {
    const best = Math.max(...results.map((r) => r.orders / r.seconds));
    console.log(
      `${b.name} "hello": ${Math.round(b.requestsPerSecond)} requests/s, ${b.peakRssMiB.toFixed(0)} MiB peak RSS; ` +
        `reconciliation at best ${(best / b.requestsPerSecond).toFixed(2)}x that in orders/s, ` +
        `peak RSS ${(Math.max(...results.map((r) => r.peakRssMb)) / b.peakRssMiB).toFixed(2)}x`,
    );
  }
  const [small, large] = results;
  if (small && large) {
    const ratio = (a: number, b: number) => `${(b / a).toFixed(2)}×`;
    console.log(
      `growth for ${large.orders / small.orders}× the orders: peak RSS ${ratio(small.peakRssMb, large.peakRssMb)}, ` +
        `live heap ${ratio(small.peakLiveHeapMb, large.peakLiveHeapMb)}, peak heap ${ratio(small.peakHeapMb, large.peakHeapMb)}, ` +
        `time ${ratio(small.seconds, large.seconds)}`,
    );
    const perOrder = large.seconds / large.orders / (small.seconds / small.orders);
    const { reportTarget } = await import("./lib/report.ts");
    reportTarget({
      benchmark: `WooCommerce reconcile of ${large.orders.toLocaleString("en")} orders: peak RSS`,
      measured: `${large.peakRssMb.toFixed(1)} MB (${small.orders.toLocaleString("en")} orders: ${small.peakRssMb.toFixed(1)} MB); live heap ${small.peakLiveHeapMb.toFixed(1)} → ${large.peakLiveHeapMb.toFixed(1)} MB${large.failures ? `; ${large.failures} failures` : ""}`,
      target: `< ${RSS_TARGET_MB} MB (at 1,000,000 orders: \`BENCH_ORDERS=1000000 npx node bench/woocommerce-reconcile.ts\`)`,
      met: large.peakRssMb < RSS_TARGET_MB && small.peakRssMb < RSS_TARGET_MB && large.failures === 0,
    });
    reportTarget({
      benchmark: `WooCommerce reconcile of ${large.orders.toLocaleString("en")} orders: time`,
      measured: `${large.seconds.toFixed(1)} s (${small.orders.toLocaleString("en")} orders: ${small.seconds.toFixed(1)} s); time per order ${perOrder.toFixed(2)}× the small run's`,
      target: `linear in the orders (time per order ≤ ${LINEAR_TOLERANCE}× the small run's)`,
      met: perOrder <= LINEAR_TOLERANCE,
    });
  }
}

if (mode === "fake") await fake(Number(arg));
else if (mode === "measure") await measure(Number(arg));
else await main();
