import { spawnSync } from "node:child_process";
import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import express from "express";
import { describe, expect, it } from "vitest";
import { builtWidgetIsStale, bundleWidget } from "./bundle-widget.ts";
import { NOT_BUILT, widgetRouter } from "./widget-router.ts";

const INDEX = fileURLToPath(new URL("./index.ts", import.meta.url));

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
  it("serves the script built at install, and says how to build it when it was not built", async () => {
    const dir = mkdtempSync(join(tmpdir(), "widget-"));
    const built = join(dir, "alma-eligibility.js");
    writeFileSync(built, "/* built at install */");
    const serve = async (file: string) => {
      const app = express().use("/widget", widgetRouter(file));
      const server = app.listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      try {
        const { port } = server.address() as { port: number };
        const answer = await fetch(`http://127.0.0.1:${port}/widget/alma-eligibility.js`);
        return { status: answer.status, text: await answer.text() };
      } finally {
        server.close();
      }
    };
    expect(await serve(built)).toEqual({ status: 200, text: "/* built at install */" });
    expect(await serve(join(dir, "missing.js"))).toEqual({
      status: 503,
      text: JSON.stringify({ error: NOT_BUILT }),
    });
  });

  it("never loads esbuild in the server, even when the script is missing", () => {
    // A fresh process records every module it resolves while the server's import of this package
    // loads and a request for the (missing) script is answered.
    const script = `
      import { registerHooks } from "node:module";
      const seen = [];
      registerHooks({ resolve: (specifier, context, next) => (seen.push(specifier), next(specifier, context)) });
      const { widgetRouter } = await import(${JSON.stringify(INDEX)});
      const { default: express } = await import("express");
      const server = express().use("/widget", widgetRouter("/nonexistent/alma-eligibility.js")).listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      const answer = await fetch("http://127.0.0.1:" + server.address().port + "/widget/alma-eligibility.js");
      server.close();
      console.log(JSON.stringify({ status: answer.status, esbuild: seen.filter((s) => s.includes("esbuild")) }));
    `;
    const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual({ status: 503, esbuild: [] });
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
