import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../config/load-config.ts";
import { type RunningServer, startServer } from "../create-server.ts";
import { createLogger } from "../observability/create-logger.ts";
import { startBanner } from "./start-banner.ts";

const urlsIn = (lines: string[]) => lines.flatMap((line) => line.match(/https?:\/\/[^\s)]+/g) ?? []);

describe("the npm start banner", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "banner-"));
  const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", WORKER_CONCURRENCY: "0" });
  let running: RunningServer;
  beforeAll(async () => {
    running = await startServer(config, createLogger({ level: "silent" }));
  });
  afterAll(async () => {
    await running?.stop();
  });

  it("prints only links that answer 200 in a browser, all on one host", async () => {
    const urls = urlsIn(startBanner(config, running));
    expect(urls.length).toBeGreaterThanOrEqual(7);
    expect(new Set(urls.map((url) => new URL(url).host))).toEqual(new Set([new URL(running.url).host]));
    for (const url of urls) {
      const answer = await fetch(url, { headers: { accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
      expect({ url, status: answer.status }).toEqual({ url, status: 200 });
    }
  });

  it("says how to read the operator token it asks for, without printing it", () => {
    const lines = startBanner(config, running);
    const dashboard = lines.find((line) => line.includes("/dashboard/")) ?? "";
    const command = /cat (\S+)/.exec(dashboard)?.[1];
    expect(command).toBe(join(dataDir, "admin.token"));
    expect(readFileSync(command ?? "", "utf8").trim()).toBe(running.adminToken);
    expect(lines.join("\n")).not.toContain(running.adminToken);
    expect(lines.join("\n")).not.toContain("token below");
  });

  it("names the configured ADMIN_TOKEN instead of a file when there is one, and links on PUBLIC_URL", () => {
    const configured = loadConfig({
      PORT: "0",
      DATA_DIR: dataDir,
      ADMIN_TOKEN: "adm_configured_secret_value_1234567890",
      PUBLIC_URL: "https://shop-payments.example",
    });
    const lines = startBanner(configured, running);
    expect(lines.find((line) => line.includes("/dashboard/"))).toContain("ADMIN_TOKEN");
    expect(lines.join("\n")).not.toContain("adm_configured_secret_value_1234567890");
    for (const url of urlsIn(lines)) expect(new URL(url).origin).toBe("https://shop-payments.example");
  });
});
