import { expect, it } from "vitest";
import type { Storage } from "../storage.ts";
import type { StorageHarness } from "./storage-harness.ts";

async function message(storage: Storage, tenantId: string, channel: "email" | "sms", recipient: string) {
  return storage.addOutboxMessage({
    tenantId,
    channel,
    recipient,
    subject: "Your payment link",
    body: `Hello ${recipient}, pay at https://pay.example/x`,
    transport: channel === "sms" ? "alma_sms" : "outbox",
  });
}

/** GDPR erasure of the outbox: per customer, per tenant, never across tenants, rows kept. */
export function outboxRedactionContract(h: () => StorageHarness): void {
  it("redacts one customer's outbox messages by e-mail or phone, keeping the rows", async () => {
    const { storage } = h();
    const { tenant } = await storage.createTenant({ platform: "testagency", externalId: "gdpr", name: "G" });
    const { tenant: other } = await storage.createTenant({
      platform: "testagency",
      externalId: "o",
      name: "O",
    });
    await message(storage, tenant.id, "email", "Lea@Example.com");
    await message(storage, tenant.id, "sms", "06 12 34 56 78");
    const kept = await message(storage, tenant.id, "email", "paul@example.com");
    const elsewhere = await message(storage, other.id, "email", "lea@example.com");
    const toLea = await storage.listOutboxMessages(tenant.id, {
      to: { email: " LEA@example.com", phone: "+33 612" },
    });
    expect(toLea.map((m) => m.recipient)).toEqual(["Lea@Example.com"]);
    const byPhone = await storage.listOutboxMessages(tenant.id, { to: { phone: "0033612345678" } });
    expect(byPhone.map((m) => m.recipient)).toEqual(["06 12 34 56 78"]);

    expect(await storage.redactOutboxMessages(tenant.id, { email: "lea@example.com" })).toBe(1);
    expect(await storage.redactOutboxMessages(tenant.id, { phone: "+33612345678" })).toBe(1);
    expect(await storage.redactOutboxMessages(tenant.id, { email: "lea@example.com" })).toBe(0);

    const listed = await storage.listOutboxMessages(tenant.id);
    expect(listed).toHaveLength(3);
    const redacted = listed.filter((m) => m.id !== kept.id);
    expect(redacted.map((m) => [m.recipient, m.body])).toEqual([
      ["[redacted]", "[redacted]"],
      ["[redacted]", "[redacted]"],
    ]);
    expect(redacted.every((m) => m.subject === "Your payment link")).toBe(true);
    expect(listed.find((m) => m.id === kept.id)).toEqual(kept);
    expect(await storage.listOutboxMessages(tenant.id, { to: { email: "lea@example.com" } })).toEqual([]);
    expect(await storage.listOutboxMessages(other.id)).toEqual([elsewhere]);
  });

  it("redacts every message of a tenant when no customer is named, and only that tenant's", async () => {
    const { storage } = h();
    const { tenant } = await storage.createTenant({ platform: "testshop", externalId: "s", name: "S" });
    const { tenant: other } = await storage.createTenant({
      platform: "testshop",
      externalId: "t",
      name: "T",
    });
    await message(storage, tenant.id, "email", "a@example.com");
    await message(storage, tenant.id, "sms", "+33700000000");
    const elsewhere = await message(storage, other.id, "sms", "+33700000000");
    expect(await storage.redactOutboxMessages(tenant.id)).toBe(2);
    const rows = await storage.listOutboxMessages(tenant.id);
    expect(rows.map((m) => m.recipient)).toEqual(["[redacted]", "[redacted]"]);
    expect(await storage.listOutboxMessages(other.id)).toEqual([elsewhere]);
    expect(await storage.redactOutboxMessages("ten_\u0000")).toBe(0);
  });
}
