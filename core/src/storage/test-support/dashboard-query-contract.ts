import { expect, it } from "vitest";
import type { StorageHarness } from "./storage-harness.ts";

/** What the merchant dashboard reads: pages of payments, a search by reference, the outbox. */
export function dashboardQueryContract(h: () => StorageHarness): void {
  it("pages payments newest first with a keyset cursor and finds one by order ref or Alma id", async () => {
    const { storage } = h();
    const { tenant } = await storage.createTenant({ platform: "testagency", externalId: "pages", name: "P" });
    const { tenant: other } = await storage.createTenant({
      platform: "testagency",
      externalId: "o",
      name: "O",
    });
    for (let n = 0; n < 5; n++) {
      await storage.createPaymentLink({
        tenantId: tenant.id,
        platformOrderRef: `order-${n}`,
        amountCents: 1000 + n,
        currency: "EUR",
        almaPaymentId: `payment_${n}`,
      });
    }
    await storage.createPaymentLink({
      tenantId: other.id,
      platformOrderRef: "order-1",
      amountCents: 1,
      currency: "EUR",
    });
    const seen: string[] = [];
    let before: { createdAt: number; id: string } | undefined;
    for (;;) {
      const page = await storage.listPaymentLinks(tenant.id, { limit: 2, before });
      seen.push(...page.map((l) => l.platformOrderRef));
      const last = page.at(-1);
      if (page.length < 2 || !last) break;
      before = { createdAt: last.createdAt, id: last.id };
    }
    expect(new Set(seen).size).toBe(5);
    expect(seen.sort()).toEqual(["order-0", "order-1", "order-2", "order-3", "order-4"]);
    const byRef = await storage.listPaymentLinks(tenant.id, { reference: "order-1" });
    expect(byRef.map((l) => l.amountCents)).toEqual([1001]);
    const byAlma = await storage.listPaymentLinks(tenant.id, { reference: "payment_3" });
    expect(byAlma.map((l) => l.platformOrderRef)).toEqual(["order-3"]);
    expect(await storage.listPaymentLinks(tenant.id, { reference: "order-9" })).toEqual([]);
  });

  it("lists the open links of one channel (the PoS reconciliation's query), per tenant", async () => {
    const { storage } = h();
    const { tenant } = await storage.createTenant({ platform: "testagency", externalId: "pos", name: "P" });
    const { tenant: other } = await storage.createTenant({
      platform: "testagency",
      externalId: "o",
      name: "O",
    });
    const link = (tenantId: string, ref: string, custom: Record<string, unknown>) =>
      storage.createPaymentLink({
        tenantId,
        platformOrderRef: ref,
        amountCents: 100,
        currency: "EUR",
        custom,
      });
    await link(tenant.id, "pos:A", { channel: "pos", reference: "A" });
    await link(tenant.id, "order-1", {});
    await link(tenant.id, "order-2", { channel: "web" });
    await link(other.id, "pos:B", { channel: "pos" });
    const pos = await storage.listPaymentLinks(tenant.id, {
      channel: "pos",
      states: ["pending", "authorized"],
    });
    expect(pos.map((l) => l.platformOrderRef)).toEqual(["pos:A"]);
    expect(await storage.listPaymentLinks(tenant.id, { channel: "pos", states: ["paid"] })).toEqual([]);
  });

  it("keeps the outbox per tenant, newest first, across reopening", async () => {
    const { storage } = h();
    const { tenant } = await storage.createTenant({ platform: "testagency", externalId: "mail", name: "M" });
    const { tenant: other } = await storage.createTenant({
      platform: "testagency",
      externalId: "x",
      name: "X",
    });
    const first = await storage.addOutboxMessage({
      tenantId: tenant.id,
      channel: "email",
      recipient: "camille@example.com",
      subject: "Your payment link",
      body: "Pay at https://pay.example/1",
      transport: "outbox",
    });
    expect(first).toMatchObject({ id: expect.stringMatching(/^msg_/), paymentLinkId: null });
    await storage.addOutboxMessage({
      tenantId: tenant.id,
      channel: "sms",
      recipient: "+33600000000",
      subject: "Payment link",
      body: "sent by Alma",
      transport: "alma_sms",
    });
    const listed = await storage.listOutboxMessages(tenant.id);
    expect(listed.map((m) => m.channel).sort()).toEqual(["email", "sms"]);
    expect(listed.find((m) => m.channel === "email")).toEqual(first);
    expect(await storage.listOutboxMessages(other.id)).toEqual([]);
    expect(await storage.listOutboxMessages("ten_\u0000")).toEqual([]);
    const rows = await h().raw("SELECT COUNT(*) AS n FROM outbox_messages WHERE tenant_id = $1", [tenant.id]);
    expect(Number(rows[0]?.n)).toBe(2);
  });
}
