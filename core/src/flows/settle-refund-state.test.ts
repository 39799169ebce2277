import { describe, expect, it } from "vitest";
import { memoryStorage } from "../testing/memory-storage.ts";
import { requestDashboardRefund } from "./request-dashboard-refund.ts";
import { settleRefundState } from "./settle-refund-state.ts";

async function paidPayment(amountCents: number) {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({ platform: "bridge", externalId: "m1", name: "M1" });
  const { link } = await storage.createPaymentLink({
    tenantId: tenant.id,
    platformOrderRef: "order-1",
    amountCents,
    currency: "EUR",
    planKey: "general_3_0_0",
  });
  await storage.updatePaymentLink(tenant.id, link.id, { almaPaymentId: "payment_settle01" });
  await storage.transitionPayment(tenant.id, link.id, ["pending"], "paid");
  return { storage, tenantId: tenant.id, linkId: link.id };
}

describe("settleRefundState", () => {
  it("counts only what Alma refunded: a pending refund that then fails leaves the rest refundable", async () => {
    const { storage, tenantId, linkId } = await paidPayment(10_000);
    const ask = async (cents: number, key: string) => {
      const asked = await requestDashboardRefund(storage, {
        tenantId,
        paymentLinkId: linkId,
        amountCents: cents,
        idempotencyKey: key,
      });
      if (asked.status !== "accepted") throw new Error(`refund refused: ${asked.status}`);
      return asked.refund;
    };
    const a = await ask(4_000, "a");
    const b = await ask(6_000, "b");

    // A succeeds while B is still pending: 40 € refunded of 100 €, not "refunded".
    await storage.transitionRefund(tenantId, a.id, ["pending"], "succeeded", { almaRefundId: "refund_a" });
    const link = (await storage.getPaymentLink(tenantId, linkId))!;
    await settleRefundState(storage, link);
    expect((await storage.getPaymentLink(tenantId, linkId))?.state).toBe("partially_refunded");

    // Alma refuses B: the 60 € left can still be refunded from the dashboard.
    await storage.transitionRefund(tenantId, b.id, ["pending"], "failed");
    const again = await requestDashboardRefund(storage, {
      tenantId,
      paymentLinkId: linkId,
      amountCents: 6_000,
      idempotencyKey: "c",
    });
    expect(again.status).toBe("accepted");
    if (again.status !== "accepted") return;
    await storage.transitionRefund(tenantId, again.refund.id, ["pending"], "succeeded", {
      almaRefundId: "refund_c",
    });
    await settleRefundState(storage, (await storage.getPaymentLink(tenantId, linkId))!);
    expect((await storage.getPaymentLink(tenantId, linkId))?.state).toBe("refunded");
  });
});
