import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Storage } from "@alma-suite/core/storage";
import { describe, expect, it } from "vitest";
import { captureIo } from "../../test/support/capture-io.ts";
import { loadConfig } from "../config/load-config.ts";
import { openConfiguredStorage } from "./open-configured-storage.ts";
import { runCli } from "./run-cli.ts";

const env = { DATA_DIR: mkdtempSync(join(tmpdir(), "alma-cli-forget-")), LOG_LEVEL: "silent" };

async function withStorage<T>(fn: (storage: Storage) => Promise<T>): Promise<T> {
  const storage = await openConfiguredStorage(loadConfig(env));
  try {
    await storage.migrate();
    return await fn(storage);
  } finally {
    await storage.close();
  }
}

/** A WooCommerce store that texted one PoS link to Léa and e-mailed another to Paul; a second store. */
async function seed() {
  return withStorage(async (storage) => {
    const { tenant } = await storage.createTenant({
      platform: "woocommerce",
      externalId: "https://a.test",
      name: "A",
    });
    const { tenant: other } = await storage.createTenant({ platform: "bridge", externalId: "b", name: "B" });
    const link = async (tenantId: string, reference: string) =>
      (
        await storage.createPaymentLink({
          tenantId,
          platformOrderRef: `pos:${reference}`,
          amountCents: 30000,
          currency: "EUR",
          custom: { channel: "pos", reference },
        })
      ).link;
    const send = (tenantId: string, paymentLinkId: string, channel: "email" | "sms", recipient: string) =>
      storage.addOutboxMessage({
        tenantId,
        paymentLinkId,
        channel,
        recipient,
        subject: "Your payment link",
        body: "Pay at https://pay.example/1",
        transport: "outbox",
      });
    const lea = await link(tenant.id, "T-1");
    const paul = await link(tenant.id, "T-2");
    const elsewhere = await link(other.id, "T-1");
    await send(tenant.id, lea.id, "sms", "06 12 34 56 78");
    await send(tenant.id, lea.id, "email", "lea@example.com");
    await send(tenant.id, paul.id, "email", "paul@example.com");
    await send(other.id, elsewhere.id, "sms", "+33612345678");
    return { tenantId: tenant.id, otherId: other.id, leaLinkId: lea.id };
  });
}

describe("alma-suite tenants forget-customer", () => {
  it("redacts what was sent to the customer in that tenant only, and records it on the link", async () => {
    const { tenantId, otherId, leaLinkId } = await seed();
    const run = captureIo();
    const args = ["tenants", "forget-customer", tenantId, "--phone", "+33 6 12 34 56 78"];
    expect(await runCli([...args, "--email", "LEA@example.com"], run.io, env)).toBe(0);
    expect(run.out[0]).toBe(
      `redacted 2 outbox message(s) to LE***@example.com, +33*******78 for ${tenantId}`,
    );
    expect(run.out[1]).toBe(`payment links concerned: ${leaLinkId}`);
    expect(run.out.join("\n")).not.toContain("lea@example.com");

    await withStorage(async (storage) => {
      const rows = await storage.listOutboxMessages(tenantId);
      expect(rows).toHaveLength(3);
      expect(rows.map((m) => m.recipient).sort()).toEqual(["[redacted]", "[redacted]", "paul@example.com"]);
      expect(rows.filter((m) => m.body === "[redacted]").map((m) => m.paymentLinkId)).toEqual([
        leaLinkId,
        leaLinkId,
      ]);
      expect((await storage.listOutboxMessages(otherId))[0]?.recipient).toBe("+33612345678");
      const events = await storage.listPaymentEvents(tenantId, leaLinkId);
      expect(events.map((e) => [e.type, e.data])).toEqual([["customer.redacted", { messages: 2 }]]);
    });

    const again = captureIo();
    expect(await runCli([...args], again.io, env)).toBe(0);
    expect(again.out).toEqual([`redacted 0 outbox message(s) to +33*******78 for ${tenantId}`]);
  });

  it("refuses a missing contact, a malformed one and an unknown tenant", async () => {
    const cases: [string[], string][] = [
      [["ten_x"], "usage: alma-suite tenants forget-customer"],
      [["ten_x", "--email", "not-an-address"], "--email is not an e-mail address"],
      [["ten_x", "--phone", "call me"], "--phone is not a phone number"],
      [["ten_nope", "--email", "a@b.test"], "no tenant ten_nope"],
    ];
    for (const [rest, message] of cases) {
      const run = captureIo();
      expect(await runCli(["tenants", "forget-customer", ...rest], run.io, env)).toBe(1);
      expect(run.err[0]).toContain(message);
    }
  });
});
