import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { bundleWidget } from "./widget-router.ts";

describe("bundleWidget", () => {
  it("is one self-contained classic script calling eligibility with the merchant id only", async () => {
    const code = await bundleWidget();
    expect(() => new Function(code)).not.toThrow();
    expect(code).not.toMatch(/\bimport\b|\bexport\b/);
    expect(code).toContain("Alma-Merchant-Auth");
    expect(code).not.toContain("Alma-Auth ");
    // It carries i18next and core's plan names and credit terms (the same words as every other
    // page): about 20 KB once compressed, kept under a budget so a product page stays light.
    expect(gzipSync(code).length).toBeLessThan(24_000);
  });
});
