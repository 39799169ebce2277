import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";
import { beforeAll, describe, expect, it } from "vitest";
import { buildWordpressZip, pluginFiles, ZIP_ROOT } from "../scripts/build-wordpress-zip.ts";
import { verifyGatewaySignature } from "../src/gateway/gateway-signature.ts";
import { readZip } from "./support/read-zip.ts";

const pluginDir = fileURLToPath(new URL("../wordpress-plugin/", import.meta.url));

/** php-cli is required (Debian's php-cli; CI installs it): a missing php fails loudly, never skips. */
function php(args: string[]) {
  const run = spawnSync("php", args, { cwd: pluginDir, encoding: "utf8" });
  if (run.error)
    throw new Error(
      `php-cli is needed to test the WordPress gateway (apt-get install php-cli): ${run.error.message}`,
    );
  return run;
}

describe("WordPress gateway plugin (PHP)", () => {
  beforeAll(() => {
    expect(php(["-v"]).stdout).toMatch(/^PHP [78]\./);
  });

  it("passes php -l on every PHP file", () => {
    const files = execFileSync("find", [".", "-name", "*.php"], { cwd: pluginDir, encoding: "utf8" })
      .trim()
      .split("\n");
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const lint = php(["-l", file]);
      expect(lint.status, `${file}: ${lint.stdout}${lint.stderr}`).toBe(0);
    }
  });

  it("passes its php tests against the WordPress/WooCommerce stand-ins", () => {
    const run = php(["tests/run.php"]);
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toContain("not ok");
    const planned = Number(/^1\.\.(\d+)$/m.exec(run.stdout)?.[1]);
    expect(planned).toBeGreaterThanOrEqual(25);
    expect(run.stdout.match(/^ok \d+/gm)).toHaveLength(planned);
  });

  it("signs calls that the connector's own verifier accepts", () => {
    const line = /^# signed-call (.+)$/m.exec(php(["tests/run.php"]).stdout)?.[1];
    const call = JSON.parse(line ?? "null") as { body: string; headers: Record<string, string> };
    const verdict = (secret: string, action: string) =>
      verifyGatewaySignature({
        secret,
        action,
        rawBody: Buffer.from(call.body),
        timestamp: call.headers["X-Alma-Suite-Timestamp"],
        signature: call.headers["X-Alma-Suite-Signature"],
        nowSeconds: Math.floor(Date.now() / 1000),
        toleranceSeconds: 300,
      });
    expect(verdict("gws_test_secret", "payments")).toEqual({ ok: true });
    expect(verdict("gws_test_secret", "refunds").ok).toBe(false);
    expect(verdict("another", "payments").ok).toBe(false);
  });

  it("ships a block checkout script that parses", () => {
    const source = readFileSync(join(pluginDir, "assets/js/alma-suite-blocks.js"), "utf8");
    expect(() => new Script(source)).not.toThrow();
    expect(source).toContain("registerPaymentMethod");
  });

  it("builds an installable zip holding the plugin files, and not its tests", () => {
    const out = buildWordpressZip(join(mkdtempSync(join(tmpdir(), "wp-zip-")), "alma-suite-woocommerce.zip"));
    const files = readZip(readFileSync(out));
    expect([...files.keys()]).toEqual(pluginFiles().map((f) => `${ZIP_ROOT}/${f}`));
    expect([...files.keys()]).toEqual([
      "alma-suite-woocommerce/alma-suite-woocommerce.php",
      "alma-suite-woocommerce/assets/js/alma-suite-blocks.js",
      "alma-suite-woocommerce/includes/class-alma-suite-blocks.php",
      "alma-suite-woocommerce/includes/class-alma-suite-gateway.php",
      "alma-suite-woocommerce/languages/alma-suite-fr_FR.mo",
      "alma-suite-woocommerce/languages/alma-suite-fr_FR.po",
      "alma-suite-woocommerce/languages/alma-suite.pot",
      "alma-suite-woocommerce/readme.txt",
    ]);
    for (const [name, data] of files) {
      expect(data.equals(readFileSync(join(pluginDir, name.slice(ZIP_ROOT.length + 1)))), name).toBe(true);
    }
    expect(files.get(`${ZIP_ROOT}/alma-suite-woocommerce.php`)?.toString()).toContain("Plugin Name:");
    const again = buildWordpressZip(join(mkdtempSync(join(tmpdir(), "wp-zip-")), "again.zip"));
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });
});
