import type { AlmaClient } from "@alma-suite/core";
import { describe, expect, it } from "vitest";
import { memoryStorage, silentLogger } from "../testing/unit-support.ts";
import { ALMA_CANCEL_JOB, type AlmaPaymentPayload, almaJobHandlers } from "./alma-jobs.ts";

describe("the queued Alma cancel", () => {
  it("cancels at Alma in the payment's own environment and marks the link cancelled, like the inline cancel", async () => {
    const storage = await memoryStorage();
    const { tenant } = await storage.createTenant({
      platform: "shopify",
      externalId: "c.myshopify.com",
      name: "c",
    });
    const { link } = await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "session-1",
      amountCents: 12_000,
      currency: "EUR",
      almaPaymentId: "payment_11cancelQueued1",
    });
    const asked: unknown[] = [];
    const alma = { payments: { cancel: async (pid: string) => asked.push(pid) } } as unknown as AlmaClient;
    const handlers = almaJobHandlers({
      storage,
      almaFor: async (_tenantId, call) => {
        asked.push(call);
        return alma;
      },
      logger: silentLogger,
    });
    const payload: AlmaPaymentPayload = {
      tenantId: tenant.id,
      almaPaymentId: "payment_11cancelQueued1",
      reference: `cancel:${link.id}`,
      mode: "test",
    };
    await handlers[ALMA_CANCEL_JOB]!.run(payload, {} as never);
    expect(asked).toEqual([{ mode: "test" }, "payment_11cancelQueued1"]);
    expect((await storage.getPaymentLink(tenant.id, link.id))?.state).toBe("cancelled");
  });
});
