import type { PaymentLink, Tenant } from "@alma-suite/core/storage";
import { describe, expect, it } from "vitest";
import type { WooDeps } from "../store/woo-deps.ts";
import { wooDashboard } from "./woo-dashboard.ts";

const tenant = {
  id: "ten_w",
  platform: "woocommerce",
  externalId: "https://shop.example/",
  settings: { storeUrl: "https://shop.example/" },
} as unknown as Tenant;
const link = (platformOrderRef: string) => ({ platformOrderRef, custom: {} }) as unknown as PaymentLink;

describe("WooCommerce in the merchant dashboard", () => {
  const dashboard = wooDashboard({} as WooDeps);

  it("links a payment to its order's edit page in wp-admin", () => {
    expect(dashboard.orderUrl?.(tenant, link("1234"))).toBe(
      "https://shop.example/wp-admin/post.php?post=1234&action=edit",
    );
  });

  it("links nothing for a reference that is not a WooCommerce order id, or another platform's tenant", () => {
    expect(dashboard.orderUrl?.(tenant, link("pos:T-1"))).toBeNull();
    expect(dashboard.orderUrl?.({ ...tenant, platform: "bridge" }, link("1234"))).toBeNull();
  });
});
