import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALMA_KEY, type Harness, startHarness } from "../../test/support/plugin-harness.ts";
import { runWoocommerceCli, type WoocommerceCliIo } from "./run-woocommerce-cli.ts";

function captureIo(stdin = "") {
  const out: string[] = [];
  const err: string[] = [];
  const progress: string[] = [];
  const io: WoocommerceCliIo = {
    out: (line) => out.push(line),
    fail: (message) => {
      err.push(message);
      return 1;
    },
    readSecret: async () => stdin,
    progress: (line) => progress.push(line),
  };
  return { io, out, err, progress };
}

describe("alma-suite woocommerce …", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("connects a store from stdin secrets, lists it, and reconciles it with a progress bar", async () => {
    const keys = h.woo.addApiKey();
    const stdin = JSON.stringify({
      consumer_key: keys.consumerKey,
      consumer_secret: keys.consumerSecret,
      alma_test_key: ALMA_KEY,
    });
    const connect = captureIo(stdin);
    expect(
      await runWoocommerceCli(["connect", h.woo.url, "--pay-by-link", "cheque"], connect.io, h.deps),
    ).toBe(0);
    const storeId = /connected (ten_\w+)/.exec(connect.out.join("\n"))?.[1];
    expect(storeId).toBeDefined();
    expect(connect.out.join("\n")).not.toContain(keys.consumerSecret);

    const list = captureIo();
    expect(await runWoocommerceCli(["stores"], list.io, h.deps)).toBe(0);
    expect(list.out).toContain("1 store(s)");

    for (let i = 0; i < 5; i++)
      h.woo.createOrder({
        totalCents: 6000 + i,
        paymentMethod: i % 2 ? "cheque" : "bacs",
        status: "on-hold",
      });
    const run = captureIo();
    expect(await runWoocommerceCli(["reconcile", `${h.woo.url}/`, "--per-page", "2"], run.io, h.deps)).toBe(
      0,
    );
    expect(run.progress).toHaveLength(3);
    expect(run.progress.at(-1)).toMatch(/^\[#{24}\] 3\/3 pages · 5 orders · 2 repairs$/);
    expect(run.out.join("\n")).toContain("pay_link_queued: 2");
  });

  it("fails clearly on bad input", async () => {
    const io = captureIo("not json");
    expect(await runWoocommerceCli(["connect", "https://shop.test"], io.io, h.deps)).toBe(1);
    expect(io.err[0]).toContain("JSON");
    const unknown = captureIo();
    expect(await runWoocommerceCli(["reconcile", "ten_missing"], unknown.io, h.deps)).toBe(1);
    expect(await runWoocommerceCli(["frobnicate"], unknown.io, h.deps)).toBe(1);
    expect(unknown.err.join("\n")).toContain("usage: alma-suite woocommerce");
  });

  it("refuses another command's option instead of ignoring it", async () => {
    const io = captureIo();
    expect(await runWoocommerceCli(["stores", "--per-page", "5"], io.io, h.deps)).toBe(1);
    expect(io.err[0]).toMatch(/Unknown option '--per-page'/);
    const reconcile = captureIo();
    expect(await runWoocommerceCli(["reconcile", "x", "--plan", "general_3_0_0"], reconcile.io, h.deps)).toBe(
      1,
    );
    expect(reconcile.err[0]).toMatch(/Unknown option '--plan'/);
  });
});
