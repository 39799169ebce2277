import { describe, expect, it } from "vitest";
import { fakeDashboardApi } from "./fake-dashboard-api.ts";

describe("the fake dashboard API", () => {
  it("refuses bodies the server's schemas refuse, naming the field, as the server does", async () => {
    const fake = fakeDashboardApi({ session: { role: "merchant", tenantId: "t_shop" } });
    const refund = await fake.api.refund("t_shop", "pay_1", { amountCents: -5, idempotencyKey: "k" });
    expect(refund).toMatchObject({ ok: false, status: 400, field: "amountCents" });
    const link = await fake.api.createPaymentLink("t_shop", {
      amountCents: 10_000,
      reference: "POS-1",
      installmentsCount: 3,
      customer: {},
    });
    expect(link).toMatchObject({ ok: false, status: 400, field: "customer" });
  });
});
