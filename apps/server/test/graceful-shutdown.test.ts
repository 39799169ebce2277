import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { InMemoryPlatform } from "@alma-suite/core/testing";
import { Router } from "express";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { loadConfig } from "../src/config/load-config.ts";
import { startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import type { ServerPlugin } from "../src/plugins.ts";

const slowPlugin = (jobRuns: string[]): ServerPlugin => ({
  name: "bridge",
  mountPath: "/slow",
  configSchema: z.unknown(),
  create: () => {
    const routes = Router();
    routes.get("/", async (_req, res) => {
      await new Promise((r) => setTimeout(r, 400));
      res.json({ finished: true });
    });
    return {
      routes,
      adapter: new InMemoryPlatform(),
      jobs: {
        "test:slow": {
          payload: z.unknown(),
          run: async (_payload, ctx) => {
            await new Promise((r) => setTimeout(r, 300));
            jobRuns.push(ctx.key);
          },
        },
      },
    };
  },
});

describe("graceful shutdown", () => {
  it("finishes in-flight requests and jobs, then refuses new connections", async () => {
    const jobRuns: string[] = [];
    const config = loadConfig({
      PORT: "0",
      DATA_DIR: mkdtempSync(join(tmpdir(), "alma-stop-")),
      LOG_LEVEL: "silent",
    });
    const server = await startServer(config, createLogger({ level: "silent" }), {
      plugins: [slowPlugin(jobRuns)],
    });
    await server.storage.enqueue({ type: "test:slow", key: "slow-1", payload: {} });
    await new Promise((r) => setTimeout(r, 1200)); // let the worker lease it (it polls every second)
    const inFlight = fetch(`${server.url}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    const stopped = server.stop();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await stopped;
    expect(jobRuns).toEqual(["slow-1"]);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it("`alma-suite start` prints where to go and exits cleanly on SIGTERM", async () => {
    const cli = fileURLToPath(new URL("../src/cli.ts", import.meta.url));
    const child = spawn(process.execPath, [cli, "start"], {
      env: {
        ...process.env,
        PORT: "0",
        DATA_DIR: mkdtempSync(join(tmpdir(), "alma-start-")),
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += String(chunk);
    });
    const until = Date.now() + 15_000;
    while (!output.includes("alma-suite is running at") && Date.now() < until)
      await new Promise((r) => setTimeout(r, 50));
    const url = /running at (http:\/\/\S+)/.exec(output)?.[1];
    expect(url).toBeDefined();
    expect(output).toContain("Alma sandbox (no account needed)");
    // Development: nothing checks Shopify's client certificate, and the banner says so.
    expect(output).toContain("mTLS OFF (development or sandbox mode)");
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("shutting down");
  }, 20_000);
});
