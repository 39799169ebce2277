import { describe, expect, it } from "vitest";
import { memoryStorage, sessionRecord } from "../testing/unit-support.ts";
import { patchSession, readSession } from "./session-record.ts";

describe("patchSession", () => {
  it("keeps every field when requests of one session patch it at the same time", async () => {
    const storage = await memoryStorage();
    const { tenant } = await storage.createTenant({
      platform: "shopify",
      externalId: "a.myshopify.com",
      name: "a",
    });
    const { link } = await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "s1",
      amountCents: 30000,
      currency: "EUR",
      custom: { shopifySession: { ...sessionRecord() } },
    });
    await Promise.all([
      patchSession(storage, tenant.id, link.id, { almaUrl: "https://pay.example/p1" }),
      patchSession(storage, tenant.id, link.id, { redirectUrl: "https://app.example/checkout" }),
      patchSession(storage, tenant.id, link.id, { customer: null, redacted: true }),
    ]);
    const session = readSession((await storage.getPaymentLink(tenant.id, link.id))!);
    expect(session).toMatchObject({
      almaUrl: "https://pay.example/p1",
      redirectUrl: "https://app.example/checkout",
      redacted: true,
    });
  });
});
