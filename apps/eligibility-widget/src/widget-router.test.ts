import { describe, expect, it } from "vitest";
import { bundleWidget } from "./widget-router.ts";

describe("bundleWidget", () => {
  it("is one self-contained classic script calling eligibility with the merchant id only", async () => {
    const code = await bundleWidget();
    expect(() => new Function(code)).not.toThrow();
    expect(code).not.toMatch(/\bimport\b|\bexport\b/);
    expect(code).toContain("Alma-Merchant-Auth");
    expect(code).not.toContain("Alma-Auth ");
    expect(code.length).toBeLessThan(6000);
  });
});
