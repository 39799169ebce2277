import { startSandboxServer } from "./start-sandbox-server.ts";

// Standalone sandbox: PORT (default 4010), HOST (default 127.0.0.1), SANDBOX_DB (SQLite file to
// keep state across restarts), SANDBOX_PUBLIC_URL (origin customers' browsers use).
const port = Number(process.env.PORT ?? 4010);
const server = await startSandboxServer({
  port,
  host: process.env.HOST ?? "127.0.0.1",
  storeFile: process.env.SANDBOX_DB || undefined,
  publicUrl: process.env.SANDBOX_PUBLIC_URL || undefined,
});
// A sandbox only accepts keys it issued: the first start opens an account to use right away.
const account =
  server.sandbox.merchants.list().at(-1) ?? server.sandbox.merchants.provision({ name: "Sandbox merchant" });
console.log(`Alma sandbox listening: base URL ${server.url} (test cards: ${server.url}/_admin/test-cards)`);
console.log(`  merchant ${account.name}: test ${account.test.merchant_id} ${account.test.api_key}`);
console.log(`  live environment: ${account.live.merchant_id} ${account.live.api_key}`);
console.log(`  more accounts: POST ${server.url}/_admin/merchants`);

const stop = () => {
  server.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
