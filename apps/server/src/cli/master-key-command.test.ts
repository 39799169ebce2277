import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { SecretBox } from "@alma-suite/core";
import { describe, expect, it } from "vitest";
import { captureIo } from "../../test/support/capture-io.ts";
import { loadConfig } from "../config/load-config.ts";
import { openConfiguredStorage } from "./open-configured-storage.ts";
import { runCli } from "./run-cli.ts";

/** A tenant with an Alma key, stored by the storage the server would open with `env`. */
async function tenantWithKey(env: Record<string, string>, key: string) {
  const storage = await openConfiguredStorage(loadConfig(env));
  try {
    await storage.migrate();
    const { tenant } = await storage.createTenant({ platform: "bridge", externalId: "m1", name: "M1" });
    await storage.setSecret(tenant.id, "alma_live_key", key);
    return tenant.id;
  } finally {
    await storage.close();
  }
}

async function readKey(env: Record<string, string>, tenantId: string) {
  const storage = await openConfiguredStorage(loadConfig(env));
  try {
    return await storage.getSecret(tenantId, "alma_live_key");
  } finally {
    await storage.close();
  }
}

function sealedValue(dataDir: string): string {
  const db = new DatabaseSync(join(dataDir, "alma-suite.db"));
  try {
    return String(db.prepare("SELECT sealed FROM tenant_secrets").get()?.sealed);
  } finally {
    db.close();
  }
}

describe("alma-suite master-key", () => {
  it("rotates the embedded key file: secrets sealed with the new key, the old one set aside", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "alma-rotate-"));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: "silent" };
    const tenantId = await tenantWithKey(env, "sk_live_keptAcrossRotation01");
    const oldKey = readFileSync(join(dataDir, "master.key"), "utf8");

    const rotate = captureIo();
    expect(await runCli(["master-key", "rotate"], rotate.io, env)).toBe(0);
    expect(rotate.out[0]).toMatch(/^master key rotated: 1 secret\(s\) sealed/);
    expect(readFileSync(join(dataDir, "master.key"), "utf8")).not.toBe(oldKey);
    expect(existsSync(join(dataDir, "master.key.next"))).toBe(false);
    const retired = readdirSync(dataDir).filter((f) => f.startsWith("master.key.retired-"));
    expect(retired).toHaveLength(1);
    expect(readFileSync(join(dataDir, retired[0]!), "utf8")).toBe(oldKey);

    expect(await readKey(env, tenantId)).toBe("sk_live_keptAcrossRotation01");
    // The database alone no longer opens with the old key: it was sealed again, not just re-labelled.
    expect(() => SecretBox.fromEncodedKey(oldKey).open(sealedValue(dataDir))).toThrow(/could not be opened/);
  });

  it("refuses to rotate while a server uses the database, and changes nothing", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "alma-rotate-"));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: "silent" };
    await tenantWithKey(env, "sk_live_serverStillRunning01");
    const oldKey = readFileSync(join(dataDir, "master.key"), "utf8");
    const before = sealedValue(dataDir);
    const storage = await openConfiguredStorage(loadConfig(env));
    await storage.recordInstanceAlive("a-running-server", 30_000);
    await storage.close();

    const rotate = captureIo();
    expect(await runCli(["master-key", "rotate"], rotate.io, env)).toBe(1);
    expect(rotate.err[0]).toMatch(/1 server instance\(s\) used this database .* stop them/);
    expect(readFileSync(join(dataDir, "master.key"), "utf8")).toBe(oldKey);
    expect(existsSync(join(dataDir, "master.key.next"))).toBe(false);
    expect(sealedValue(dataDir)).toBe(before);
  });

  it("does not rename the key when a server started during the rotation, and resumes with the same key", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "alma-rotate-"));
    const env = { DATA_DIR: dataDir, LOG_LEVEL: "silent" };
    const tenantId = await tenantWithKey(env, "sk_live_serverStartedMidway1");
    const oldKey = readFileSync(join(dataDir, "master.key"), "utf8");
    // A server records itself alive while the secrets are being sealed again.
    const db = new DatabaseSync(join(dataDir, "alma-suite.db"));
    db.exec(`CREATE TRIGGER late_server AFTER UPDATE ON tenant_secrets BEGIN
      INSERT OR REPLACE INTO server_instances (id, seen_at) VALUES ('late', CAST(strftime('%s', 'now') AS INTEGER) * 1000);
    END`);

    const stopped = captureIo();
    expect(await runCli(["master-key", "rotate"], stopped.io, env)).toBe(1);
    expect(stopped.err[0]).toMatch(/1 server instance\(s\) started during the rotation/);
    expect(readFileSync(join(dataDir, "master.key"), "utf8")).toBe(oldKey);
    const nextKey = readFileSync(join(dataDir, "master.key.next"), "utf8");
    // Meanwhile everything still opens (the server reads master.key.next too).
    expect(await readKey(env, tenantId)).toBe("sk_live_serverStartedMidway1");

    db.exec("DROP TRIGGER late_server; DELETE FROM server_instances");
    db.close();
    expect(await runCli(["master-key", "rotate"], captureIo().io, env)).toBe(0);
    expect(readFileSync(join(dataDir, "master.key"), "utf8")).toBe(nextKey);
    expect(await readKey(env, tenantId)).toBe("sk_live_serverStartedMidway1");
  });

  it("with MASTER_KEY: reseals with the new key, opening old secrets with MASTER_KEY_PREVIOUS", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "alma-reseal-"));
    const oldKey = SecretBox.generateKey().toString("hex");
    const newKey = SecretBox.generateKey().toString("base64");
    const before = { DATA_DIR: dataDir, LOG_LEVEL: "silent", MASTER_KEY: oldKey };
    const tenantId = await tenantWithKey(before, "sk_live_environmentKey000001");

    const during = { ...before, MASTER_KEY: newKey, MASTER_KEY_PREVIOUS: ` ${oldKey} ,` };
    expect(await readKey(during, tenantId)).toBe("sk_live_environmentKey000001");
    const reseal = captureIo();
    expect(await runCli(["master-key", "reseal"], reseal.io, during)).toBe(0);
    expect(reseal.out).toEqual([
      "1 secret(s) sealed with MASTER_KEY",
      "  every secret is sealed with MASTER_KEY: remove MASTER_KEY_PREVIOUS from every instance in a day (what plugins sealed themselves, such as stored Idempotency-Key answers kept 24 h, still needs it).",
    ]);
    expect(await readKey({ ...before, MASTER_KEY: newKey }, tenantId)).toBe("sk_live_environmentKey000001");

    // Each command says what to use instead when the key lives elsewhere.
    const rotate = captureIo();
    expect(await runCli(["master-key", "rotate"], rotate.io, during)).toBe(1);
    expect(rotate.err[0]).toMatch(/MASTER_KEY comes from the environment/);
    const fileReseal = captureIo();
    expect(await runCli(["master-key", "reseal"], fileReseal.io, { DATA_DIR: dataDir })).toBe(1);
    expect(fileReseal.err[0]).toMatch(/master-key rotate/);
  });

  it("lists the secrets no key opens and exits 1, leaving them as they are", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "alma-reseal-"));
    const lost = SecretBox.generateKey().toString("hex");
    const tenantId = await tenantWithKey(
      { DATA_DIR: dataDir, MASTER_KEY: lost },
      "sk_live_sealedWithLostKey001",
    );
    const env = { DATA_DIR: dataDir, MASTER_KEY: SecretBox.generateKey().toString("hex") };
    const reseal = captureIo();
    expect(await runCli(["master-key", "reseal"], reseal.io, env)).toBe(1);
    expect(reseal.out).toContain(
      `  tenant ${tenantId}, secret alma_live_key: no key opens it; set it again with \`alma-suite tenants rotate-secret ${tenantId} alma_live_key\``,
    );
    expect(reseal.err[0]).toBe("1 secret(s) could not be opened with any key and were left as they are");
  });

  it("generates keys the configuration accepts, and refuses previous keys it cannot use", async () => {
    const generate = captureIo();
    expect(await runCli(["master-key", "generate"], generate.io, { DATA_DIR: "/nonexistent" })).toBe(0);
    expect(generate.out[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(() => loadConfig({ MASTER_KEY: generate.out[0], MASTER_KEY_PREVIOUS: "short" })).toThrow(
      /MASTER_KEY_PREVIOUS: each key must be 32 bytes/,
    );
    expect(() => loadConfig({ MASTER_KEY_PREVIOUS: generate.out[0] })).toThrow(/only with MASTER_KEY/);
  });
});
