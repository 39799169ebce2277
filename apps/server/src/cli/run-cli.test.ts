import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureIo } from "../../test/support/capture-io.ts";
import { runCli } from "./run-cli.ts";

describe("alma-suite CLI", () => {
  const env = { DATA_DIR: mkdtempSync(join(tmpdir(), "alma-cli-")), LOG_LEVEL: "silent" };

  it("migrates with progress, then finds nothing to do", async () => {
    const first = captureIo();
    expect(await runCli(["migrate"], first.io, env)).toBe(0);
    expect(first.out[0]).toBe("migrating sqlite database…");
    expect(first.out.some((l) => /^ {2}applied \d+ /.test(l))).toBe(true);
    const again = captureIo();
    expect(await runCli(["migrate"], again.io, env)).toBe(0);
    expect(again.out).toContain("already up to date");
  });

  it("adds, lists and rotates a tenant's secret without printing it", async () => {
    const add = captureIo();
    const args = [
      "tenants",
      "add",
      "--platform",
      "woocommerce",
      "--external-id",
      "https://shop.test",
      "--name",
      "Shop",
    ];
    expect(await runCli(args, add.io, env)).toBe(0);
    const tenantId = /created (ten_\S+)/.exec(add.out[0] ?? "")?.[1];
    expect(tenantId).toBeDefined();
    const twice = captureIo();
    await runCli(args, twice.io, env);
    expect(twice.out[0]).toBe(`already exists: ${tenantId}`);

    const list = captureIo();
    expect(await runCli(["tenants", "list", "--platform", "woocommerce"], list.io, env)).toBe(0);
    expect(list.out.join("\n")).toContain("https://shop.test");
    expect(list.out.at(-1)).toBe("1 tenant(s)");

    const secret = "sk_test_rotatedKeyAbcdefghij1234";
    const rotate = captureIo(secret);
    expect(await runCli(["tenants", "rotate-secret", tenantId!, "alma_test_key"], rotate.io, env)).toBe(0);
    expect(rotate.out.join("\n")).toContain("sk_test_****1234");
    expect(rotate.out.join("\n")).not.toContain("rotatedKey");

    const link = captureIo();
    expect(
      await runCli(["tenants", "login-link", tenantId!], link.io, {
        ...env,
        PUBLIC_URL: "https://suite.example",
      }),
    ).toBe(0);
    expect(link.out[0]).toMatch(/^https:\/\/suite\.example\/dashboard\/login\/[\w-]+\.[\w-]+$/);
    const unknown = captureIo();
    expect(await runCli(["tenants", "login-link", "ten_nope"], unknown.io, env)).toBe(1);
    expect(unknown.err[0]).toBe("no active tenant ten_nope");
  });

  it("hands `woocommerce …` to the WooCommerce plugin's commands", async () => {
    const stores = captureIo();
    expect(await runCli(["woocommerce", "stores"], stores.io, env)).toBe(0);
    expect(stores.out.join("\n")).toContain("https://shop.test");
    const unknown = captureIo();
    expect(await runCli(["woocommerce", "reconcile", "https://nowhere.test"], unknown.io, env)).toBe(1);
    expect(unknown.err.join("\n")).toContain("no WooCommerce store");
  });

  it("shows job counts and purges dead jobs", async () => {
    const list = captureIo();
    expect(await runCli(["jobs", "list"], list.io, env)).toBe(0);
    expect(list.out[0]).toBe("pending: 0  running: 0  failed: 0  done: 0  dead: 0");
    const purge = captureIo();
    expect(await runCli(["jobs", "purge-dead"], purge.io, env)).toBe(0);
    expect(purge.out).toEqual(["purged 0 dead job(s)"]);
    const retry = captureIo();
    expect(await runCli(["jobs", "retry", "job_missing"], retry.io, env)).toBe(1);
    expect(retry.err).toEqual(["no failed or dead job job_missing"]);
  });

  it("explains bad usage and bad configuration instead of crashing", async () => {
    const unknown = captureIo();
    expect(await runCli(["frobnicate"], unknown.io, env)).toBe(1);
    expect(unknown.err[0]).toMatch(/^unknown command "frobnicate"/);
    const badPlatform = captureIo();
    expect(await runCli(["tenants", "list", "--platform", "magento"], badPlatform.io, env)).toBe(1);
    const badEnv = captureIo();
    expect(await runCli(["migrate"], badEnv.io, { ...env, DATABASE_URL: "mysql://nope" })).toBe(1);
    expect(badEnv.err[0]).toContain("DATABASE_URL: must be a postgres:// URL");
    const badState = captureIo();
    expect(await runCli(["jobs", "list", "--state", "stuck"], badState.io, env)).toBe(1);
    expect(badState.err[0]).toMatch(/^--state must be one of pending, running/);
    const badFlag = captureIo();
    expect(await runCli(["jobs", "list", "--colour"], badFlag.io, env)).toBe(1);
  });
});
