import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { describe, expect, it } from "vitest";
import { dashboardPage } from "./dashboard-page.ts";

async function serve(dist: string) {
  const app = express();
  app.use("/dashboard", dashboardPage(dist));
  const server = app.listen(0);
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe("the dashboard page", () => {
  it("says how to build it until apps/admin is built, then serves it and its assets", async () => {
    const dist = mkdtempSync(join(tmpdir(), "dashboard-dist-"));
    const { base, close } = await serve(dist);
    try {
      const missing = await fetch(`${base}/dashboard/`);
      expect(missing.status).toBe(503);
      expect(await missing.json()).toEqual({
        error: "dashboard not built: npm run build -w @alma-suite/admin",
      });
      writeFileSync(join(dist, "dashboard.html"), "<title>Alma dashboard</title>");
      mkdirSync(join(dist, "assets"));
      writeFileSync(join(dist, "assets", "app.js"), "export {}");
      const page = await fetch(`${base}/dashboard/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("Alma dashboard");
      expect((await fetch(`${base}/dashboard/assets/app.js`)).status).toBe(200);
      const bare = await fetch(`${base}/dashboard`, { redirect: "manual" });
      expect([bare.status, bare.headers.get("location")]).toEqual([301, "/dashboard/"]);
    } finally {
      await close();
    }
  });
});
