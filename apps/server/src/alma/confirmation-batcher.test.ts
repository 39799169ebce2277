import { CONFIRM_PAYMENT_JOB, type ConfirmPaymentPayload } from "@alma-suite/core/flows";
import { memoryStorage } from "@alma-suite/core/testing";
import { describe, expect, it } from "vitest";
import { ConfirmationBatcher } from "./confirmation-batcher.ts";

describe("ConfirmationBatcher", () => {
  it("joins a waiting job of the same payment, but not one left over from the payment a retry replaced", async () => {
    const storage = await memoryStorage();
    const { tenant } = await storage.createTenant({
      platform: "woocommerce",
      externalId: "https://s.test",
      name: "S",
    });
    const { link } = await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "order-7",
      amountCents: 10_000,
      currency: "EUR",
      almaPaymentId: "payment_11firstAttempt01",
    });
    const batcher = new ConfirmationBatcher(storage);
    const payloads = async () =>
      (await storage.listJobs({ type: CONFIRM_PAYMENT_JOB })).map(
        (j) => (j.payload as ConfirmPaymentPayload).almaPaymentId,
      );

    const notified = (pid: string) => ({ tenantId: tenant.id, pid, signedBy: [link.almaMode] });
    expect(await batcher.enqueue(notified("payment_11firstAttempt01"))).toBe("queued");
    expect(await batcher.enqueue(notified("payment_11firstAttempt01"))).toBe("queued");
    expect(await payloads()).toEqual(["payment_11firstAttempt01"]);

    // That job is still waiting (say Alma answered it a 5xx) when the shopper retries and pays a new payment.
    await storage.updatePaymentLink(tenant.id, link.id, { almaPaymentId: "payment_11secondAttempt1" });
    expect(await batcher.enqueue(notified("payment_11secondAttempt1"))).toBe("queued");
    expect((await payloads()).sort()).toEqual(["payment_11firstAttempt01", "payment_11secondAttempt1"]);
    // Signed by the key of the other Alma environment than the payment's: not trusted.
    const other = link.almaMode === "test" ? "live" : "test";
    expect(
      await batcher.enqueue({ tenantId: tenant.id, pid: "payment_11secondAttempt1", signedBy: [other] }),
    ).toBe("wrong_mode");
    expect(await batcher.enqueue(notified("payment_11unknown000001"))).toBe("unknown_payment");
  });
});
