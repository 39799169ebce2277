import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { benchPaymentId } from "../lib/bench-payment-id.ts";
import { startBenchServer } from "../lib/start-bench-server.ts";

const count = Number(process.argv[2] ?? 50_000);
const server = await startBenchServer({
  dataDirPrefix: "alma-bench-ipn-",
  config: {
    WORKER_CONCURRENCY: "0",
    // The benchmark floods one tenant on purpose: measure ingestion, not the per-tenant rate limit.
    RATE_LIMIT_IPN_PER_SECOND: "0",
  },
});
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
