// The whole alma-suite server on its embedded SQLite, with a tenant and `count` payment links
// whose IPNs the benchmark sends. The worker is off: the benchmark measures ingestion
// (verify, record, queue), not Alma round trips.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { createLogger, loadConfig, startServer } from "@alma-suite/server";
import { benchPaymentId } from "../lib/bench-payment-id.ts";

const count = Number(process.argv[2] ?? 50_000);
const dataDir = mkdtempSync(join(tmpdir(), "alma-bench-ipn-"));
const config = loadConfig({
  PORT: "0",
  HOST: "127.0.0.1",
  DATA_DIR: dataDir,
  WORKER_CONCURRENCY: "0",
  LOG_LEVEL: "silent",
  // The benchmark floods one tenant on purpose: measure ingestion, not the per-tenant rate limit.
  RATE_LIMIT_IPN_PER_SECOND: "0",
});
const server = await startServer(config, createLogger({ level: "silent" }));
const { tenant } = await server.storage.createTenant({
  platform: "bridge",
  externalId: "bench:shop",
  name: "Bench",
});
const apiKey = "sk_test_benchmarkMerchant0001";
await provisionSandboxKeys(server.almaBaseUrl, apiKey);
await server.storage.setSecret(tenant.id, "alma_test_key", apiKey);
await server.storage.transaction(async (tx) => {
  for (let i = 0; i < count; i++) {
    await tx.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: `order-${i}`,
      amountCents: 45_000,
      currency: "EUR",
      almaPaymentId: benchPaymentId(i),
    });
  }
});
process.stdout.write(
  `READY ${JSON.stringify({ url: server.url.replace("localhost", "127.0.0.1"), tenantId: tenant.id, apiKey })}\n`,
);
process.on("SIGTERM", () => {
  server.stop().then(() => process.exit(0));
});
