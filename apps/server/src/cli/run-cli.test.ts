import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { captureIo } from "../../test/support/capture-io.ts";
import { runCli } from "./run-cli.ts";

const serverPackage = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

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

  it("prints the usage and exits 0 on --help and help, the version on --version", async () => {
    for (const args of [["--help"], ["help"], ["-h"]]) {
      const help = captureIo();
      expect(await runCli(args, help.io, env)).toBe(0);
      expect(help.out[0]).toMatch(/^usage: alma-suite <command>/);
      expect(help.out[0]).toContain("jobs list [--state S]");
      expect(help.err).toEqual([]);
    }
    const none = captureIo();
    expect(await runCli([], none.io, env)).toBe(1);
    expect(none.err[0]).toMatch(/^usage: alma-suite <command>/);
    const version = captureIo();
    expect(await runCli(["--version"], version.io, env)).toBe(0);
    expect(version.out).toEqual([`alma-suite ${serverPackage.version}`]);
    const one = captureIo();
    expect(await runCli(["help", "tenants", "add"], one.io, env)).toBe(0);
    expect(one.out).toEqual([
      "usage: alma-suite tenants add --platform shopify|woocommerce|bridge --external-id X --name N [--alma-mode test|live]",
    ]);
    const commandHelp = captureIo();
    expect(await runCli(["jobs", "retry", "--help"], commandHelp.io, env)).toBe(0);
    expect(commandHelp.out[0]).toMatch(/^usage: alma-suite jobs retry <job id>/);
    const group = captureIo();
    expect(await runCli(["master-key", "--help"], group.io, env)).toBe(0);
    expect(group.out[0]).toMatch(/^usage: alma-suite master-key <action>\n {2}master-key generate/);
    const woo = captureIo();
    expect(await runCli(["woocommerce", "--help"], woo.io, { DATABASE_URL: "mysql://not-opened" })).toBe(0);
    expect(woo.out[0]).toMatch(/^usage: alma-suite woocommerce/);
  });

  it("gives each command its own options and fails with that command's usage", async () => {
    const foreign = captureIo();
    expect(await runCli(["jobs", "list", "--email", "x@example.com"], foreign.io, env)).toBe(1);
    expect(foreign.err[0]).toMatch(/Unknown option '--email'/);
    expect(foreign.err[0]).toContain("usage: alma-suite jobs list [--state S] [--type T] [--limit N]");
    expect(foreign.err[0]).not.toContain("tenants add");
    const defaultAction = captureIo();
    expect(await runCli(["tenants", "--state", "dead"], defaultAction.io, env)).toBe(1);
    expect(defaultAction.err[0]).toContain("usage: alma-suite tenants list [--platform P]");
    const extra = captureIo();
    expect(await runCli(["jobs", "purge-dead", "now"], extra.io, env)).toBe(1);
    expect(extra.err[0]).toMatch(/^unexpected argument "now"\nusage: alma-suite jobs purge-dead/);
    const action = captureIo();
    expect(await runCli(["jobs", "rerun"], action.io, env)).toBe(1);
    expect(action.err[0]).toMatch(/^unknown jobs action "rerun"\nusage: alma-suite jobs <action>/);
    const startFlag = captureIo();
    expect(await runCli(["start", "--port", "80"], startFlag.io, env)).toBe(1);
    expect(startFlag.err[0]).toContain("usage: alma-suite start");
    const forget = captureIo();
    expect(
      await runCli(["tenants", "forget-customer", "ten_x", "--platform", "bridge"], forget.io, env),
    ).toBe(1);
    expect(forget.err[0]).toMatch(/Unknown option '--platform'/);
  });
});
