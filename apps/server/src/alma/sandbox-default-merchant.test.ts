import { mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSandbox } from "@alma-suite/alma-sandbox";
import { describe, expect, it } from "vitest";
import { DEFAULT_MERCHANT_FILE, ensureDefaultSandboxMerchant } from "./sandbox-default-merchant.ts";

describe("ensureDefaultSandboxMerchant", () => {
  it("opens the merchant at the first start, keeps its keys (0600) and issues the same ones at every start", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sandbox-merchant-"));
    const first = createSandbox();
    const opened = ensureDefaultSandboxMerchant(first, dataDir);
    await first.close();
    const path = join(dataDir, DEFAULT_MERCHANT_FILE);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(path, "utf8"))).toEqual({
      test_key: opened.test.api_key,
      live_key: opened.live.api_key,
    });
    expect(opened.test.api_key).toMatch(/^sk_test_/);
    expect(opened.live.api_key).toMatch(/^sk_live_/);

    // A sandbox kept in memory (DATABASE_URL) starts empty: the same keys and ids come back.
    const second = createSandbox();
    const again = ensureDefaultSandboxMerchant(second, dataDir);
    expect(again.test).toEqual(opened.test);
    expect(again.live).toEqual(opened.live);
    expect(second.merchants.list()).toHaveLength(1);
    await second.close();
  });

  it("stops with a clear message when the kept keys are damaged", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "sandbox-merchant-"));
    writeFileSync(join(dataDir, DEFAULT_MERCHANT_FILE), '{"test_key": 1}');
    const sandbox = createSandbox();
    expect(() => ensureDefaultSandboxMerchant(sandbox, dataDir)).toThrow(/damaged/);
    await sandbox.close();
  });
});
