import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";
import type { ServerPlugin } from "../src/plugins.ts";

describe("bridge operator routes without a token of their own", () => {
  let server: RunningServer;
  beforeAll(async () => {
    const config = loadConfig({
      PORT: "0",
      DATA_DIR: mkdtempSync(join(tmpdir(), "alma-op-")),
      LOG_LEVEL: "silent",
    });
    server = await startServer(config, createLogger({ level: "silent" }), {
      plugins: [webhookBridgePlugin as ServerPlugin],
      env: {},
    });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("accept the server's admin token (generated into the data folder) and nothing else", async () => {
    const url = `${server.url}/bridge/v1/operator/agencies`;
    const ok = await fetch(url, { headers: { authorization: `Bearer ${server.adminToken}` } });
    expect(ok.status).toBe(200);
    const wrong = await fetch(url, { headers: { authorization: "Bearer adm_notTheTokenAtAllxxxxxxxx" } });
    expect(wrong.status).toBe(401);
  });
});
