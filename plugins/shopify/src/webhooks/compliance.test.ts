import type { Storage, Tenant } from "@alma-suite/core/storage";
import { describe, expect, it } from "vitest";
import { memoryStorage, silentLogger } from "../testing/unit-support.ts";
import { exportCustomerData, redactCustomer, redactShop } from "./compliance.ts";

const LEA = { email: "lea@example.com", phone: "+33612345678" };

async function shopWithOutbox(): Promise<{ storage: Storage; tenant: Tenant; other: Tenant }> {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({
    platform: "shopify",
    externalId: "a.myshopify.com",
    name: "A",
  });
  const { tenant: other } = await storage.createTenant({
    platform: "shopify",
    externalId: "b.myshopify.com",
    name: "B",
  });
  const send = (tenantId: string, channel: "email" | "sms", recipient: string) =>
    storage.addOutboxMessage({
      tenantId,
      channel,
      recipient,
      subject: "A: your payment link",
      body: "A: pay 300,00 € in 3 instalments with Alma: https://pay.example/1",
      transport: channel === "sms" ? "alma_sms" : "outbox",
    });
  await send(tenant.id, "email", "Lea@example.com");
  await send(tenant.id, "sms", "06 12 34 56 78");
  await send(tenant.id, "email", "paul@example.com");
  await send(other.id, "email", "lea@example.com");
  return { storage, tenant, other };
}

const recipients = async (storage: Storage, tenantId: string) =>
  (await storage.listOutboxMessages(tenantId)).map((m) => m.recipient).sort();

describe("Shopify compliance webhooks and the outbox", () => {
  it("customers/data_request exports the payment links sent to the customer", async () => {
    const { storage, tenant } = await shopWithOutbox();
    const exported = await exportCustomerData({ storage, now: () => 1_000, logger: silentLogger }, tenant, {
      id: "77",
      customer: LEA,
    });
    expect(exported.messages.map((m) => [m.channel, m.recipient])).toEqual(
      expect.arrayContaining([
        ["email", "Lea@example.com"],
        ["sms", "06 12 34 56 78"],
      ]),
    );
    expect(exported.messages).toHaveLength(2);
    expect(exported.messages[0]).toMatchObject({ body: expect.stringContaining("https://pay.example/1") });
  });

  it("customers/redact redacts that customer's messages only; shop/redact all of the shop's", async () => {
    const { storage, tenant, other } = await shopWithOutbox();
    await redactCustomer({ storage, logger: silentLogger }, tenant, LEA);
    expect(await recipients(storage, tenant.id)).toEqual(["[redacted]", "[redacted]", "paul@example.com"]);
    const rows = await storage.listOutboxMessages(tenant.id);
    expect(rows.filter((m) => m.body === "[redacted]")).toHaveLength(2);
    expect(await recipients(storage, other.id)).toEqual(["lea@example.com"]);

    await redactShop({ storage, logger: silentLogger }, tenant);
    expect(await recipients(storage, tenant.id)).toEqual(["[redacted]", "[redacted]", "[redacted]"]);
    expect(await recipients(storage, other.id)).toEqual(["lea@example.com"]);
  });
});
