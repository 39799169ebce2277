import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { riskyComparisons } from "./support/risky-comparisons.ts";

const ROOT = fileURLToPath(new URL("../../../../", import.meta.url));

/** Every place that checks a signature, token, API key or HMAC someone sent us. */
const VERIFIERS = [
  "core/src/alma/ipn-signature.ts",
  "apps/server/src/alma/tenant-key-cache.ts",
  "apps/server/src/http/admin-api.ts",
  "core/src/crypto/signed-tokens.ts",
  "apps/server/src/dashboard/session-routes.ts",
  "apps/demo-store/src/routes/webhook-route.ts",
  "plugins/shopify/src/checkout-pages/page-links.ts",
  "plugins/woocommerce/src/webhooks/wc-signature.ts",
  "plugins/woocommerce/src/gateway/gateway-signature.ts",
  "plugins/woocommerce/src/gateway/gateway-payment-route.ts",
  "plugins/woocommerce/src/connect-store/connect-store-route.ts",
  "plugins/webhook-bridge/src/http/authenticate-request.ts",
  "plugins/webhook-bridge/src/agencies/authenticate-agency.ts",
  "apps/alma-sandbox/src/merchants/provision-merchant.ts",
];
/** Files that compute HMACs or hashes but never compare one with what a caller sent. */
const SIGN_ONLY = [
  "core/src/crypto/constant-time-equal.ts",
  "core/src/crypto/index.ts",
  // Digests the bearer credential to name its rate-limit bucket; never compared with anything.
  "plugins/webhook-bridge/src/webhook-bridge-plugin.ts",
  "core/src/storage/postgres-executor.ts",
  "plugins/shopify/src/testing/shopify-signing.ts",
  "plugins/webhook-bridge/src/agencies/api-key-token.ts",
  "plugins/webhook-bridge/src/http/idempotency.ts",
  "plugins/webhook-bridge/src/webhooks/webhook-signature.ts",
  "plugins/woocommerce/src/shared/order-fingerprint.ts",
  // Test helpers: they check, with the reference library, what we send, never what we receive.
  "plugins/webhook-bridge/src/testing/reference-verify.ts",
];
const CRYPTO = /createHmac|timingSafeEqual|constantTimeEqual|standardwebhooks|\.digest\(/;
const CONSTANT_TIME =
  /constantTimeEqual\(|timingSafeEqual\(|new Webhook\([^)]*\)\.verify\(|verifyIpnSignature\(/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "node_modules" || name === "dist") return [];
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const srcDirs = [
  "core",
  ...["apps", "plugins"].flatMap((group) => readdirSync(join(ROOT, group)).map((p) => `${group}/${p}`)),
]
  .map((p) => join(ROOT, p, "src"))
  .filter((p) => statSync(p, { throwIfNoEntry: false })?.isDirectory());

describe("constant-time comparisons (static audit)", () => {
  it("the scanner flags a signature compared with === and passes presence and type checks", () => {
    expect(riskyComparisons("if (signature === expected) return true;")).toHaveLength(1);
    expect(riskyComparisons("return token !== options.adminToken;")).toHaveLength(1);
    expect(riskyComparisons("if (digest.equals(Buffer.from(given))) ok();")).toHaveLength(1);
    expect(riskyComparisons('if (typeof signature !== "string" || key === undefined) return false;')).toEqual(
      [],
    );
    expect(riskyComparisons("if (signature.length === 0) return false;")).toEqual([]);
  });

  it("every verifier compares in constant time and never with ===", () => {
    for (const file of VERIFIERS) {
      const source = readFileSync(join(ROOT, file), "utf8");
      expect(CONSTANT_TIME.test(source), `${file} uses no constant-time comparison`).toBe(true);
      expect(riskyComparisons(source), file).toEqual([]);
    }
  });

  it("every file that computes an HMAC or hash is either an audited verifier or only signs", () => {
    const known = new Set([...VERIFIERS, ...SIGN_ONLY]);
    const unaudited = srcDirs
      .flatMap(sourceFiles)
      .filter((path) => CRYPTO.test(readFileSync(path, "utf8")))
      .map((path) => relative(ROOT, path))
      .filter((path) => !known.has(path));
    expect(unaudited, "add each to VERIFIERS (and check it) or to SIGN_ONLY").toEqual([]);
  });
});
