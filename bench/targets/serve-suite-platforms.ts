// The whole server (with the WooCommerce plugin and its job worker) for bench/ipn-to-platform.ts:
// argv[2] names a JSON file of {almaUrl, store: {url, consumerKey, consumerSecret, orders},
// databaseUrl?, masterKey, seed} (a file: thousands of orders exceed a command line). The
// instance that seeds creates the store's tenant and one pay-by-link payment link per order,
// awaiting payment; another instance on the same PostgreSQL only serves. Alma is the fake at
// almaUrl. Prints READY {url, tenantId, apiKey}.
import { readFileSync } from "node:fs";
import { woocommercePlugin } from "@alma-suite/woocommerce";
import { benchPaymentId } from "../lib/bench-payment-id.ts";
import { startBenchServer } from "../lib/start-bench-server.ts";

interface Args {
  almaUrl: string;
  store: { url: string; consumerKey: string; consumerSecret: string; orders: { id: number; key: string }[] };
  databaseUrl?: string;
  /** The same on every instance, so each opens the secrets the seeding one sealed. */
  masterKey: string;
  seed: boolean;
}
const args = JSON.parse(readFileSync(process.argv[2] ?? "", "utf8")) as Args;
const apiKey = "sk_test_benchIpnToPlatform01";
const server = await startBenchServer({
  dataDirPrefix: "alma-bench-ipn-platform-",
  config: {
    ALMA_API_URL: args.almaUrl,
    MASTER_KEY: args.masterKey,
    ...(args.databaseUrl ? { DATABASE_URL: args.databaseUrl } : {}),
    // One store flooded on purpose: the load under test, not abuse.
    RATE_LIMIT_IPN_PER_SECOND: "0",
    RATE_LIMIT_PLATFORM_PER_SECOND: "0",
    RATE_LIMIT_IP_PER_SECOND: "0",
  },
  plugins: [woocommercePlugin],
  env: { WOOCOMMERCE_RECONCILE_EVERY_MINUTES: "0" },
});
const storage = server.storage;
let tenantId: string;
if (args.seed) {
  const { tenant } = await storage.createTenant({
    platform: "woocommerce",
    externalId: args.store.url,
    name: "Bench store",
    settings: { storeUrl: args.store.url, payByLinkMethods: ["cheque"] },
  });
  tenantId = tenant.id;
  await storage.setSecret(tenant.id, "wc_consumer_key", args.store.consumerKey);
  await storage.setSecret(tenant.id, "wc_consumer_secret", args.store.consumerSecret);
  await storage.setSecret(tenant.id, "alma_test_key", apiKey);
  await storage.transaction(async (tx) => {
    for (const [n, order] of args.store.orders.entries()) {
      await tx.createPaymentLink({
        tenantId: tenant.id,
        platformOrderRef: String(order.id),
        amountCents: 45_000,
        currency: "EUR",
        almaPaymentId: benchPaymentId(n),
        custom: { orderId: order.id, orderKey: order.key, origin: "pay_by_link", linkSent: true },
      });
    }
  });
} else {
  const tenant = await storage.findTenantByExternalId("woocommerce", args.store.url);
  if (!tenant) throw new Error("no bench store: start the seeding instance first");
  tenantId = tenant.id;
}
process.stdout.write(
  `READY ${JSON.stringify({ url: server.url.replace("localhost", "127.0.0.1"), tenantId, apiKey })}\n`,
);
process.on("SIGTERM", () => {
  server.stop().then(() => process.exit(0));
});
