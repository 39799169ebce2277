import { describe, expect, it } from "vitest";
import { sessionLink } from "../testing/unit-support.ts";
import { patchSession, readSession } from "./session-record.ts";

describe("patchSession", () => {
  it("keeps every field when requests of one session patch it at the same time", async () => {
    const { storage, tenantId, link } = await sessionLink();
    await Promise.all([
      patchSession(storage, tenantId, link.id, { almaUrl: "https://pay.example/p1" }),
      patchSession(storage, tenantId, link.id, { redirectUrl: "https://app.example/checkout" }),
      patchSession(storage, tenantId, link.id, { customer: null, redacted: true }),
    ]);
    const session = readSession((await storage.getPaymentLink(tenantId, link.id))!);
    expect(session).toMatchObject({
      almaUrl: "https://pay.example/p1",
      redirectUrl: "https://app.example/checkout",
      redacted: true,
    });
  });
});
