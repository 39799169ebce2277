import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import express from "express";
import { describe, expect, it } from "vitest";
import { builtWidgetIsStale, bundleWidget } from "./bundle-widget.ts";
import { widgetRouter } from "./widget-router.ts";

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

describe("widgetRouter", () => {
  it("serves the script built at install, and bundles it itself only when it was not built", async () => {
    const dir = mkdtempSync(join(tmpdir(), "widget-"));
    const built = join(dir, "alma-eligibility.js");
    writeFileSync(built, "/* built at install */");
    const serve = async (file: string) => {
      const app = express().use("/widget", widgetRouter(file));
      const server = app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      try {
        const { port } = server.address() as { port: number };
        return await (await fetch(`http://127.0.0.1:${port}/widget/alma-eligibility.js`)).text();
      } finally {
        server.close();
      }
    };
    expect(await serve(built)).toBe("/* built at install */");
    expect(await serve(join(dir, "missing.js"))).toContain("Alma-Merchant-Auth");
  });

  it("calls a built script stale once a source is newer", async () => {
    const dir = mkdtempSync(join(tmpdir(), "widget-"));
    const built = join(dir, "alma-eligibility.js");
    expect(await builtWidgetIsStale(built)).toBe(true);
    writeFileSync(built, "x");
    expect(await builtWidgetIsStale(built)).toBe(false);
    utimesSync(built, 1, 1);
    expect(await builtWidgetIsStale(built)).toBe(true);
  });
});
