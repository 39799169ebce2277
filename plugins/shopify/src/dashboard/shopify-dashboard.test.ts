import type { PaymentLink, Tenant } from "@alma-suite/core/storage";
import { describe, expect, it } from "vitest";
import { memoryStorage } from "../testing/unit-support.ts";
import { shopifyDashboard } from "./shopify-dashboard.ts";

describe("Shopify's part of the dashboard", () => {
  it("sends refunds of Shopify orders to the Shopify admin, but refunds payment links sent from the dashboard here", async () => {
    const dashboard = shopifyDashboard(await memoryStorage());
    const shop = { platform: "shopify", externalId: "r.myshopify.com" } as Tenant;
    const order = { custom: {} } as PaymentLink;
    const inStore = { custom: { channel: "pos" } } as unknown as PaymentLink;
    expect(dashboard.refundElsewhere?.(shop, order)).toMatch(/^Refund this order from your Shopify admin/);
    expect(dashboard.refundElsewhere?.(shop, inStore)).toBeNull();
  });
});
