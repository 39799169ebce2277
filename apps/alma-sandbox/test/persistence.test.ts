import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { pay } from "../src/testing/checkout-driver.ts";
import { startIpnReceiver } from "./ipn-receiver.ts";
import { startHarness } from "./sandbox-harness.ts";

const dir = mkdtempSync(join(tmpdir(), "alma-sandbox-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("SQLite store", () => {
  it("keeps payments, the clock and owed IPNs across a restart", async () => {
    const storeFile = join(dir, "sandbox.db");
    const receiver = await startIpnReceiver();
    const first = await startHarness({ storeFile, ipnDelayMs: 60_000 });
    const created = (await first.createPayment({ ipn_callback_url: `${receiver.url}/ipn` })).body;
    await pay(created.url, { card: "4242424242424242" });
    await first.advanceDays(3);
    const before = (await first.api("GET", `/v1/payments/${created.id}`)).body;
    await first.close();
    expect(receiver.received).toHaveLength(0);

    const second = await startHarness({ storeFile });
    try {
      const after = await second.api("GET", `/v1/payments/${created.id}`);
      expect(after.status).toBe(200);
      expect(after.body).toEqual(before);
      expect((await second.api("GET", "/_clock")).body.offset_seconds).toBe(3 * 86400);
      const delivery = await second.server.sandbox.ipnOutbox.waitFor((d) => d.delivered);
      expect(delivery.payment_id).toBe(created.id);
      expect(receiver.received).toHaveLength(1);
    } finally {
      await second.close();
      await receiver.close();
    }
  });
});
