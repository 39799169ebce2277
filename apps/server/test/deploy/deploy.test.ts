import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import {
  payOnHostedPage,
  startWebhookReceiver,
  type WebhookReceiver,
} from "@alma-suite/webhook-bridge/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../support/test-database.ts";
import {
  cli,
  DEPLOY_DIR,
  freePort,
  httpsClient,
  type Running,
  startInstance,
  startNginx,
  startSandbox,
  throwawayCertificate,
  waitFor,
} from "./support/deployment.ts";

/**
 * The production kit of docs/deploy.md, run for real: Debian's nginx terminating TLS with a
 * throwaway certificate in front of two `alma-suite start` processes on one PostgreSQL, and one
 * standalone Alma sandbox. Everything a client does goes through nginx.
 */
const MASTER_KEY = "d".repeat(64);
const OPERATOR = "deploy-test-operator-token-000001";
const IP_LIMIT = 20; // 1 per second over a 20 s window, per client IP, for the whole deployment

describe("the production kit: nginx, TLS, two instances on one PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let receiver: WebhookReceiver;
  let sandbox: Running;
  let nginx: Awaited<ReturnType<typeof startNginx>>;
  const instances: (Running | undefined)[] = [];
  let ports: [number, number];
  let envOf: (port: number) => NodeJS.ProcessEnv;
  let origin: string;
  let client: ReturnType<typeof httpsClient>;
  let tls: ReturnType<typeof throwawayCertificate>;
  let httpPort: number;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), "alma-deploy-"));
    tls = throwawayCertificate(dir);
    db = await createTestDatabase("deploy");
    receiver = await startWebhookReceiver();
    const [a, b, https, http, sandboxPort] = await Promise.all([1, 2, 3, 4, 5].map(() => freePort()));
    ports = [a as number, b as number];
    origin = `https://127.0.0.1:${https}`;
    httpPort = http as number;
    sandbox = await startSandbox(sandboxPort as number, tls.cert);
    // Like Alma, the sandbox takes only keys it issued: issue the journey merchant's.
    await provisionSandboxKeys(`http://127.0.0.1:${sandboxPort}/alma-sandbox`, "sk_test_deployJourney0001");
    // What /etc/alma-suite/alma-suite.env holds; systemd adds PORT from the instance name.
    const environmentFile = {
      HOST: "127.0.0.1",
      PUBLIC_URL: origin,
      DATABASE_URL: db.url,
      MASTER_KEY,
      ADMIN_TOKEN: "deploy-test-admin-token-00000001",
      ALMA_API_URL: `http://127.0.0.1:${sandboxPort}/alma-sandbox`,
      LOG_LEVEL: "warn",
      WORKER_CONCURRENCY: "2",
      RATE_LIMIT_WINDOW_SECONDS: "20",
      RATE_LIMIT_IP_PER_SECOND: "1",
      // The rolling restart's load reads the bridge's OpenAPI document as fast as it can.
      RATE_LIMIT_BRIDGE_PER_SECOND: "1000",
      BRIDGE_OPERATOR_TOKEN: OPERATOR,
      BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    };
    envOf = (port) => ({ ...environmentFile, PORT: String(port), DATA_DIR: join(dir, `data-${port}`) });
    const started = await Promise.all(ports.map((port) => startInstance(envOf(port))));
    instances.push(...started);
    nginx = await startNginx({
      httpsPort: https as number,
      httpPort: http as number,
      instances: ports,
      ...tls,
    });
    client = httpsClient(origin, tls.pem);
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await nginx?.nginx.stop();
    for (const instance of instances) await instance?.stop();
    await sandbox?.stop();
    await receiver?.close();
    await db?.drop();
  }, 60_000);

  it("terminates TLS with the throwaway certificate and sends plain http to https", async () => {
    expect(nginx.check).toBe("");
    const health = await client.send("GET", "/healthz");
    expect(health.status).toBe(200);
    // A client that does not trust the certificate is refused by TLS itself.
    const stranger = httpsClient(origin);
    await expect(stranger.send("GET", "/healthz")).rejects.toThrow(/self[- ]signed|unable to verify/i);
    stranger.close();
    const plain = await fetch(`http://127.0.0.1:${httpPort}/dashboard/`, { redirect: "manual" });
    expect(plain.status).toBe(301);
    expect(plain.headers.get("location")).toMatch(/^https:\/\/127\.0\.0\.1(:\d+)?\/dashboard\/$/);
  });

  it("answers the health checks of both instances through nginx", async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => client.send("GET", "/readyz")));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(JSON.parse(answers[0]?.body ?? "{}")).toMatchObject({ status: "ready" });
    for (const port of ports) expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
  });

  it("runs a bridge journey through nginx: checkout, payment on the sandbox, its IPN over https, the signed webhook", async () => {
    let key = OPERATOR;
    const api = async (method: string, path: string, body?: unknown) => {
      const answer = await client.send(method, path, body, { authorization: `Bearer ${key}` });
      return { status: answer.status, body: answer.body ? JSON.parse(answer.body) : undefined };
    };
    const agency = await api("POST", "/bridge/v1/operator/agencies", { name: "Agence Déploiement" });
    expect(agency.status).toBe(201);
    key = agency.body.api_key.token;
    const base = "/bridge/v1/merchants/boutique-nginx";
    const merchant = await api("PUT", base, {
      name: "Boutique Nginx",
      alma_test_key: "sk_test_deployJourney0001",
    });
    expect(merchant.status, JSON.stringify(merchant.body)).toBe(201);
    const endpoint = await api("POST", `${base}/endpoints`, { url: receiver.url });
    expect(endpoint.status, JSON.stringify(endpoint.body)).toBe(201);
    const basket = JSON.parse(
      readFileSync(new URL("../../../../fixtures/bridge/checkouts/basket-3x.json", import.meta.url), "utf8"),
    );
    const checkout = await api("POST", `${base}/checkouts`, basket);
    expect(checkout.status, JSON.stringify(checkout.body)).toBe(201);
    const paid = await payOnHostedPage(checkout.body.redirect_url);
    expect("redirect" in paid).toBe(true);
    // The sandbox notifies https://127.0.0.1:<nginx>/alma/ipn/…; an instance takes it, and a job
    // (on either instance) tells the agency.
    await waitFor("payment.accepted at the agency", () =>
      receiver.received.some((r) => JSON.parse(r.body).type === "payment.accepted"),
    );
    const payment = await api("GET", `${base}/payments/${checkout.body.payment.id}`);
    expect(payment.status).toBe(200);
    expect(JSON.stringify(payment.body)).toContain('"status":"paid"');
  }, 60_000);

  it("holds one rate limit for the whole deployment, whichever instance nginx picks", async () => {
    let passed = 0;
    for (let i = 0; i < IP_LIMIT * 2; i++) if ((await client.send("GET", "/")).status !== 429) passed++;
    expect(passed).toBe(IP_LIMIT);
  });

  it("restarts one instance at a time under load, the first applying a new migration, and loses no request", async () => {
    // The previous release's schema: the last migration not applied yet, under running instances.
    const admin = new pg.Client({ connectionString: db.url });
    await admin.connect();
    const latest = Number((await admin.query("SELECT max(version) AS v FROM schema_migrations")).rows[0].v);
    const lastName = (await admin.query("SELECT name FROM schema_migrations WHERE version = $1", [latest]))
      .rows[0].name;
    await admin.query("DELETE FROM schema_migrations WHERE version = $1", [latest]);
    if (lastName === "shared rate-limit windows") await admin.query("DROP TABLE rate_limit_windows");

    // A bounded load: 4 clients, each sending its next request 10 ms after the last answer.
    let stopLoad = false;
    const outcomes = { ok: 0, failed: [] as string[] };
    const load = Promise.all(
      Array.from({ length: 4 }, async (_, n) => {
        while (!stopLoad) {
          const path = n % 2 ? "/readyz" : "/bridge/openapi.json";
          try {
            const answer = await client.send("GET", path);
            if (answer.status === 200) outcomes.ok++;
            else outcomes.failed.push(`${path} ${answer.status} ${answer.body.slice(0, 80)}`);
          } catch (error) {
            outcomes.failed.push(`${path} ${(error as Error).message}`);
          }
          await new Promise((resolve) => setTimeout(resolve, 10));
        }
      }),
    );
    for (const [i, port] of ports.entries()) {
      const before = outcomes.ok;
      expect(await instances[i]?.stop()).toBe(0);
      instances[i] = await startInstance(envOf(port));
      await waitFor(
        `instance ${port} ready`,
        async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok,
      );
      if (i === 0) {
        const applied = await admin.query("SELECT version FROM schema_migrations WHERE version = $1", [
          latest,
        ]);
        expect(applied.rowCount).toBe(1);
      }
      // nginx takes an instance it saw fail back after fail_timeout (5 s): wait for it before the next.
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      expect(outcomes.ok).toBeGreaterThan(before);
    }
    stopLoad = true;
    await load;
    await admin.end();
    expect(outcomes.failed).toEqual([]);
    expect(outcomes.ok).toBeGreaterThan(200);
  }, 120_000);

  it("restores a pg_dump backup that opens with the master key only", async () => {
    const dump = join(mkdtempSync(join(tmpdir(), "alma-pgdump-")), "alma-suite.dump");
    execFileSync("pg_dump", ["-Fc", "-f", dump, db.url]);
    const restored = await createTestDatabase("restored");
    try {
      execFileSync("pg_restore", ["--no-owner", "-d", restored.url, dump]);
      const env = { DATABASE_URL: restored.url, DATA_DIR: mkdtempSync(join(tmpdir(), "alma-restored-")) };
      const tenants = cli(["tenants", "list", "--platform", "bridge"], env);
      expect(tenants.output).toContain("Boutique Nginx");
      // Every secret opens with the deployment's key; with another one, none does.
      const resealed = cli(["master-key", "reseal"], { ...env, MASTER_KEY });
      expect(resealed).toMatchObject({ status: 0 });
      expect(resealed.output).toMatch(/^[1-9]\d* secret\(s\) sealed with MASTER_KEY/);
      const wrongKey = cli(["master-key", "reseal"], { ...env, MASTER_KEY: "e".repeat(64) });
      expect(wrongKey.status).toBe(1);
      expect(wrongKey.output).toMatch(/secret\(s\) could not be opened with any key/);
    } finally {
      await restored.drop();
    }
  }, 60_000);
});

describe("the rest of the kit", () => {
  it("backs up the embedded SQLite database with `alma-suite backup`, and the copy restores with its key", {
    timeout: 60_000,
  }, () => {
    const dataDir = mkdtempSync(join(tmpdir(), "alma-sqlite-live-"));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: "silent" };
    expect(
      cli(["tenants", "add", "--platform", "bridge", "--external-id", "shop-1", "--name", "Shop"], env)
        .status,
    ).toBe(0);
    const backupFile = join(mkdtempSync(join(tmpdir(), "alma-sqlite-backup-")), "alma-suite.db");
    const backup = cli(["backup", backupFile], env);
    expect(backup).toMatchObject({ status: 0 });
    expect(backup.output).toContain("keep a copy of the key apart from the backup");
    expect(cli(["backup", backupFile], env).output).toContain("already exists");
    // Restore: the backup as DATA_DIR/alma-suite.db, with the master key it was sealed with.
    const restoredDir = mkdtempSync(join(tmpdir(), "alma-sqlite-restored-"));
    copyFileSync(backupFile, join(restoredDir, "alma-suite.db"));
    copyFileSync(join(dataDir, "master.key"), join(restoredDir, "master.key"));
    const listed = cli(["tenants", "list"], { ...env, DATA_DIR: restoredDir });
    expect(listed.output).toContain("shop-1");
    expect(cli(["backup", "x.db"], { ...env, DATABASE_URL: "postgres://u@127.0.0.1/x" }).output).toContain(
      "pg_dump",
    );
  });

  it("ships a systemd unit that systemd-analyze verifies", () => {
    const dir = mkdtempSync(join(tmpdir(), "alma-systemd-"));
    // An instance of the template, as `systemctl start alma-suite@3001` makes it.
    const unit = join(dir, "alma-suite@3001.service");
    writeFileSync(unit, readFileSync(join(DEPLOY_DIR, "systemd/alma-suite@.service"), "utf8"));
    const verify = spawnSync("systemd-analyze", ["verify", unit], { encoding: "utf8" });
    expect(verify.error).toBeUndefined();
    expect(`${verify.stdout}${verify.stderr}`).toBe("");
    expect(verify.status).toBe(0);
    const text = readFileSync(unit, "utf8");
    expect(text).toMatch(/^EnvironmentFile=\/etc\/alma-suite\/alma-suite\.env$/m);
    expect(text).toMatch(/^Restart=on-failure$/m);
    expect(text).toMatch(/^StandardOutput=journal$/m);
  });
});
