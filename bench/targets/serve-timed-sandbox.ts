// The Alma sandbox in its own process (no artificial delay), timing every API call it answers so
// bench/shopify-session.ts can subtract Alma's own time from each payment session. Calls are
// filed under their purchase amount, which the benchmark makes unique per session.
// `GET /__timings` hands the totals over (ms per amount) and forgets them.
import type { AddressInfo } from "node:net";
import { createSandbox } from "@alma-suite/alma-sandbox";
import express from "express";

// The key bench/shopify-session.ts and serve-suite-shopify.ts use, issued as Alma issues a merchant's.
const sandbox = createSandbox({ merchants: [{ testKey: "sk_test_benchShopifySession01" }] });
const timings = new Map<string, { ms: number; calls: number }>();
const app = express();
app.get("/__timings", (_req, res) => {
  res.json(Object.fromEntries(timings));
  timings.clear();
});
app.use(express.json({ limit: "1mb" }));
app.use((req, res, next) => {
  const started = performance.now();
  const body = (req.body ?? {}) as { purchase_amount?: unknown; payment?: { purchase_amount?: unknown } };
  const key = String(body.purchase_amount ?? body.payment?.purchase_amount ?? "other");
  res.on("finish", () => {
    const entry = timings.get(key) ?? { ms: 0, calls: 0 };
    entry.ms += performance.now() - started;
    entry.calls += 1;
    timings.set(key, entry);
  });
  next();
});
app.use("/alma-sandbox", sandbox.router);
const server = app.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`READY ${JSON.stringify({ url: `http://127.0.0.1:${port}/alma-sandbox` })}\n`);
});
process.on("SIGTERM", () => {
  server.closeAllConnections();
  server.close(() => sandbox.close().then(() => process.exit(0)));
});
