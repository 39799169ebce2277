import { memoryStorage } from "@alma-suite/core/testing";
import { describe, expect, it } from "vitest";
import { patchLinkCustom } from "./link-custom.ts";

describe("patchLinkCustom", () => {
  it("keeps every field when several steps patch one link at the same time", async () => {
    const storage = await memoryStorage();
    const { tenant } = await storage.createTenant({
      platform: "woocommerce",
      externalId: "shop",
      name: "Shop",
    });
    const { link } = await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: "1042",
      amountCents: 30000,
      currency: "EUR",
      custom: { orderId: 1042, orderKey: "wc_order_k", origin: "gateway" },
    });
    // The webhook echo, the status push to Alma and the pay-by-link note, landing together.
    await Promise.all([
      patchLinkCustom(storage, tenant.id, link.id, { seen: "fp-1" }),
      patchLinkCustom(storage, tenant.id, link.id, { pushedStatus: "processing" }),
      patchLinkCustom(storage, tenant.id, link.id, { linkSent: true }),
    ]);
    expect((await storage.getPaymentLink(tenant.id, link.id))?.custom).toEqual({
      orderId: 1042,
      orderKey: "wc_order_k",
      origin: "gateway",
      seen: "fp-1",
      pushedStatus: "processing",
      linkSent: true,
    });
    await storage.close();
  });
});
