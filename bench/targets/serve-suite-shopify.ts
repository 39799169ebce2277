import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { shopifyPlugin } from "@alma-suite/shopify";
import { startBenchServer } from "../lib/start-bench-server.ts";

const almaUrl = process.argv[2] ?? "";
const shopOrigin = process.argv[3] ?? "";
const apiKey = "alma-suite-bench-app";
const apiSecret = "shpss_bench_secret_0123456789abcdef";
const server = await startBenchServer({
  dataDirPrefix: "alma-bench-shopify-",
  config: {
    ALMA_API_URL: almaUrl,
    // One shop at 200 sessions/s is the load under test, not abuse: the per-shop and per-IP limits
    // (50/s and 100/s by default) would refuse most of it.
    RATE_LIMIT_PLATFORM_PER_SECOND: "0",
    RATE_LIMIT_IP_PER_SECOND: "0",
  },
  plugins: [shopifyPlugin],
  env: { SHOPIFY_API_KEY: apiKey, SHOPIFY_API_SECRET: apiSecret, SHOPIFY_SHOP_ORIGIN: shopOrigin },
});
process.stdout.write(`READY ${JSON.stringify({ url: server.url.replace("localhost", "127.0.0.1") })}\n`);
// How long the event loop was late (ms): what a request arriving at a random moment waits before
// the server even reads it, which the answer's Server-Timing cannot see. "ELD" on stdin reports
// and resets it.
const delay = monitorEventLoopDelay({ resolution: 1 });
delay.enable();
createInterface({ input: process.stdin }).on("line", (line) => {
  if (line !== "ELD") return;
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const report = { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) };
  process.stdout.write(`ELD ${JSON.stringify(report)}\n`);
  delay.reset();
});
process.on("SIGTERM", () => {
  server.stop().then(() => process.exit(0));
});
