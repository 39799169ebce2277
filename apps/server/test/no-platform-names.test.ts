import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { registeredPlugins } from "../src/plugins.ts";

/*
 * Core and the server name no platform: everything a platform needs, it declares in its plugin
 * (docs/adding-a-platform.md). This keeps it so. Test files may name the plugins they exercise.
 */

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const SCANNED = ["core/src", "apps/server/src"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".test.ts") ? [] : [path];
  });
}

/** Every registered plugin's name, its mount path and its package's name, plus what they go by. */
async function platformWords(): Promise<string[]> {
  const manifest = JSON.parse(readFileSync(join(ROOT, "apps/server/package.json"), "utf8")) as {
    "alma-suite": { plugins: string[] };
  };
  const words = new Set<string>(["shopify", "woocommerce", "webhook-bridge", "bridge"]);
  for (const pkg of manifest["alma-suite"].plugins) words.add(pkg.replace(/^@[^/]+\//, ""));
  for (const plugin of await registeredPlugins()) {
    words.add(plugin.name);
    words.add(plugin.mountPath.slice(1));
  }
  return [...words];
}

/**
 * A word counts inside identifiers and domains too (`shopifySession`, `SHOPIFY_CLIENT_CA`,
 * `myshopify.com`), not inside an unrelated longer word (`abridged`).
 */
function mentions(words: readonly string[]): (line: string) => boolean {
  const escaped = words.map((word) => word.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&"));
  const pattern = new RegExp(`(?<![a-z])(?:my)?(?:${escaped.join("|")})(?![a-z])`);
  return (line) =>
    pattern.test(line.toLowerCase()) || pattern.test(line.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase());
}

describe("core and the server name no platform", () => {
  it("the words looked for include every registered plugin", async () => {
    const words = await platformWords();
    expect(words).toEqual(expect.arrayContaining(["shopify", "woocommerce", "bridge", "webhook-bridge"]));
    const mentioned = mentions(words);
    // The ways a name shows up in code count; ordinary longer words do not.
    for (const hit of [
      "Shopify's CA",
      "a.myshopify.com",
      "custom.shopifySession",
      "SHOPIFY_CLIENT_CA",
      "WooCommerce orders",
      "/bridge/openapi.json",
    ])
      expect(mentioned(hit), hit).toBe(true);
    for (const miss of ["abridged", "bridges", "a platform"]) expect(mentioned(miss), miss).toBe(false);
  });

  it("no non-test file under core/src or apps/server/src mentions one", async () => {
    const mentioned = mentions(await platformWords());
    const found: string[] = [];
    for (const dir of SCANNED)
      for (const file of sourceFiles(join(ROOT, dir))) {
        const lines = readFileSync(file, "utf8").split("\n");
        lines.forEach((line, index) => {
          if (mentioned(line)) found.push(`${relative(ROOT, file)}:${index + 1}: ${line.trim()}`);
        });
      }
    expect(found).toEqual([]);
  });
});
