import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config/load-config.ts";
import { type RunningServer, startServer } from "../src/create-server.ts";
import { createLogger } from "../src/observability/create-logger.ts";

const logLines: string[] = [];
const sink = new Writable({
  write(chunk, _enc, done) {
    logLines.push(...String(chunk).trim().split("\n"));
    done();
  },
});

describe("the composed server on its embedded default", () => {
  let server: RunningServer;
  const dataDir = mkdtempSync(join(tmpdir(), "alma-server-"));

  beforeAll(async () => {
    const config = loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "info" });
    // The shell alone: plugins' own start-up jobs (reconciliation schedules) would blur the counts.
    server = await startServer(config, createLogger({ level: "info", destination: sink }), { plugins: [] });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("is alive and ready, with SQLite and the in-process Alma sandbox", async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready", checks: { database: "ok", alma: "ok" } });
    expect(server.almaBaseUrl).toMatch(/\/alma-sandbox$/);
  });

  it("answers with the time it took in Server-Timing; without Alma calls, only the app's own", async () => {
    const answer = await fetch(`${server.url}/healthz`);
    expect(answer.headers.get("server-timing")).toMatch(/^app;dur=\d+\.\d{2}$/);
  });

  it("exposes Prometheus metrics for requests and jobs", async () => {
    await fetch(`${server.url}/healthz`);
    const text = await (await fetch(`${server.url}/metrics`)).text();
    expect(text).toMatch(/alma_suite_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
    expect(text).toContain('alma_suite_jobs{state="pending"} 0');
  });

  it("protects the operator API with the admin token", async () => {
    expect((await fetch(`${server.url}/admin/api/jobs`)).status).toBe(401);
    const wrong = await fetch(`${server.url}/admin/api/jobs`, { headers: { authorization: "Bearer nope" } });
    expect(wrong.status).toBe(401);
    const ok = await fetch(`${server.url}/admin/api/jobs?state=dead`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ counts: { pending: 0, dead: 0 }, jobs: [] });
    const bad = await fetch(`${server.url}/admin/api/jobs?state=weird`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    expect(bad.status).toBe(400);
  });

  it("lists, retries and purges jobs through the API", async () => {
    const job = await server.storage.enqueue({ type: "test:nothing", key: "api-visible", payload: {} });
    const auth = { authorization: `Bearer ${server.adminToken}` };
    const list = (await (
      await fetch(`${server.url}/admin/api/jobs?type=test:nothing`, { headers: auth })
    ).json()) as {
      jobs: { key: string }[];
    };
    expect(list.jobs.map((j) => j.key)).toEqual(["api-visible"]);
    const retry = await fetch(`${server.url}/admin/api/jobs/${job.id}/retry`, {
      method: "POST",
      headers: auth,
    });
    expect(retry.status).toBe(404); // pending, not failed or dead
    const purge = await fetch(`${server.url}/admin/api/jobs/dead`, { method: "DELETE", headers: auth });
    expect(await purge.json()).toEqual({ purged: 0 });
  });

  it("answers unknown routes and malformed JSON with a 4xx and a clear message", async () => {
    const missing = await fetch(`${server.url}/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "no route for GET /nope" });
    const badJson = await fetch(`${server.url}/admin/api/jobs/x/retry`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.adminToken}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({ error: "request body is not valid JSON" });
  });

  it("never writes the admin token or an Alma key into the logs", async () => {
    await fetch(`${server.url}/admin/api/jobs`, {
      headers: { authorization: `Bearer ${server.adminToken}` },
    });
    const all = logLines.join("\n");
    expect(all).toContain('"msg":"request"');
    expect(all).not.toContain(server.adminToken);
  });
});
