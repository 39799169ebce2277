import { startSandboxServer } from "@alma-suite/alma-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { captureIo } from "../../test/support/capture-io.ts";
import { loadConfig } from "../config/load-config.ts";
import { sandboxCommand } from "./sandbox-command.ts";

describe("alma-suite sandbox merchants", () => {
  let sandbox: Awaited<ReturnType<typeof startSandboxServer>>;
  const config = loadConfig({ LOG_LEVEL: "silent" });
  beforeAll(async () => {
    sandbox = await startSandboxServer({ port: 0 });
  });
  afterAll(() => sandbox.close());

  it("opens an account with chosen plans, limits and state, and prints keys the sandbox accepts", async () => {
    const { io, out, err } = captureIo();
    const args = ["merchants", "create", "--name", "Agence", "--plans", "general_3_0_0,general_4_0_0"];
    const code = await sandboxCommand(
      [...args, "--min", "10000", "--max", "90000", "--not-activated", "--sandbox-url", sandbox.url],
      config,
      io,
    );
    expect(err).toEqual([]);
    expect(code).toBe(0);
    expect(out[0]).toBe("Agence (not yet activated) · plans general_3_0_0,general_4_0_0 · 10000–90000 cents");
    const testKey = /test merchant_\S+ (sk_test_\S+)/.exec(out[1] ?? "")?.[1];
    expect(testKey).toBeDefined();
    const me = await fetch(`${sandbox.url}/v1/me`, { headers: { authorization: `Alma-Auth ${testKey}` } });
    expect(await me.json()).toMatchObject({ can_create_payments: false, maximum_purchase_amount: 90000 });

    const listed = captureIo();
    expect(await sandboxCommand(["merchants", "list", "--sandbox-url", sandbox.url], config, listed.io)).toBe(
      0,
    );
    expect(listed.out.join("\n")).toContain(testKey);
  });

  it("says what is wrong: an unknown plan, half a window, a sandbox that does not answer", async () => {
    const plan = captureIo();
    const url = ["--sandbox-url", sandbox.url];
    expect(
      await sandboxCommand(["merchants", "create", "--plans", "general_5_0_0", ...url], config, plan.io),
    ).toBe(1);
    expect(plan.err[0]).toMatch(/refused \(400\).*plans\.0/);
    const half = captureIo();
    expect(await sandboxCommand(["merchants", "create", "--min", "100", ...url], config, half.io)).toBe(1);
    expect(half.err[0]).toMatch(/--min and --max go together/);
    const down = captureIo();
    const closed = ["--sandbox-url", "http://127.0.0.1:9/alma-sandbox"];
    expect(await sandboxCommand(["merchants", "list", ...closed], config, down.io)).toBe(1);
    expect(down.err[0]).toMatch(/cannot reach the Alma sandbox/);
    const usage = captureIo();
    expect(await sandboxCommand(["accounts"], config, usage.io)).toBe(1);
    expect(usage.out[0]).toMatch(/sandbox merchants create/);
  });

  it("refuses to guess a sandbox when the server uses Alma itself", async () => {
    const { io, err } = captureIo();
    const live = loadConfig({ ALMA_API_KEY: "sk_live_realKey0001", LOG_LEVEL: "silent" });
    expect(await sandboxCommand(["merchants", "list"], live, io)).toBe(1);
    expect(err[0]).toMatch(/--sandbox-url/);
  });
});
