import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ProvisionedAccount, Sandbox } from "@alma-suite/alma-sandbox";

/** Where the embedded sandbox's own merchant keeps its keys (sandbox keys, never real ones). */
export const DEFAULT_MERCHANT_FILE = "alma-sandbox-merchant.json";

/**
 * The embedded sandbox's merchant: opened at the first start, its keys kept in the data folder
 * (0600) and issued again from there at every start, so they survive a restart even when the
 * sandbox keeps its state in memory (with DATABASE_URL). `npm start` shows them.
 */
export function ensureDefaultSandboxMerchant(sandbox: Sandbox, dataDir: string): ProvisionedAccount {
  const path = join(dataDir, DEFAULT_MERCHANT_FILE);
  const saved = existsSync(path) ? readSaved(path) : undefined;
  const account = sandbox.merchants.provision(
    saved ? { testKey: saved.test_key, liveKey: saved.live_key } : { name: "Alma sandbox merchant" },
  );
  if (!saved) {
    mkdirSync(dataDir, { recursive: true });
    const keys = { test_key: account.test.api_key, live_key: account.live.api_key };
    writeFileSync(path, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  }
  return account;
}

function readSaved(path: string): { test_key: string; live_key: string } {
  const parsed = JSON.parse(readFileSync(path, "utf8")) as { test_key?: unknown; live_key?: unknown };
  if (typeof parsed.test_key !== "string" || typeof parsed.live_key !== "string")
    throw new Error(`${path} is damaged: expected {"test_key": "sk_test_…", "live_key": "sk_live_…"}`);
  return { test_key: parsed.test_key, live_key: parsed.live_key };
}
