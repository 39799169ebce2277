import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli/run-cli.ts";
import { registeredPlugins } from "../plugins.ts";
import { loadPluginConfigs } from "./plugin-configs.ts";

function captureIo() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    io: {
      out: (line: string) => void out.push(line),
      fail: (message: string) => {
        err.push(message);
        return 1;
      },
      readSecret: async () => "",
    },
  };
}

describe("every plugin's settings, checked before the server opens anything", () => {
  it.each([
    [
      "shopify",
      { SHOPIFY_PAYMENTS_API_VERSION: "1999-01" },
      "SHOPIFY_PAYMENTS_API_VERSION: must be a version",
    ],
    ["woocommerce", { WOOCOMMERCE_TIMEOUT_MS: "soon" }, "WOOCOMMERCE_TIMEOUT_MS: "],
    ["bridge", { BRIDGE_WEBHOOK_TIMEOUT_MS: "5" }, "BRIDGE_WEBHOOK_TIMEOUT_MS: "],
  ])("%s: a bad value stops `start` with one line naming the variable", async (plugin, bad, line) => {
    const dataDir = mkdtempSync(join(tmpdir(), "plugin-config-"));
    const cli = captureIo();
    const code = await runCli(["start"], cli.io, {
      DATA_DIR: dataDir,
      PORT: "0",
      LOG_LEVEL: "silent",
      ...bad,
    });
    expect(code).toBe(1);
    expect(cli.out).toEqual([]);
    const [message = ""] = cli.err;
    const lines = message.split("\n");
    expect(lines[0]).toBe("invalid configuration:");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(line);
    expect(lines[1]).toMatch(new RegExp(`\\(${plugin}\\)$`));
    expect(message).not.toMatch(/ZodError|at .*\.ts:\d+/);
    // Neither a master key nor a database was made: nothing was opened.
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it("treats blank and whitespace-only values as unset, for every plugin alike", async () => {
    const plugins = await registeredPlugins();
    const blank = Object.fromEntries(
      ["SHOPIFY_API_KEY", "SHOPIFY_SCOPES", "WOOCOMMERCE_TIMEOUT_MS", "WOOCOMMERCE_REGISTRATION_TOKEN"]
        .concat(["BRIDGE_WEBHOOK_TIMEOUT_MS", "BRIDGE_OPERATOR_TOKEN", "RATE_LIMIT_BRIDGE_PER_SECOND"])
        .map((name, index) => [name, index % 2 ? "   " : ""]),
    );
    expect(loadPluginConfigs(plugins, blank)).toEqual(loadPluginConfigs(plugins, {}));
  });

  it("names every registered plugin, each once, with a mount path of its own", async () => {
    const plugins = await registeredPlugins();
    expect(plugins.map((p) => [p.name, p.mountPath])).toEqual([
      ["shopify", "/shopify"],
      ["woocommerce", "/woocommerce"],
      ["bridge", "/bridge"],
    ]);
    await expect(registeredPlugins(["@alma-suite/core"])).rejects.toThrow();
  });
});
