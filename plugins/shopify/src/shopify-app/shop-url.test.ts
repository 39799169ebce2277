import { describe, expect, it } from "vitest";
import { isShopDomain, rerouteShopUrl, shopUrl } from "./shop-url.ts";

describe("shop URLs", () => {
  it("builds a shop's endpoint from the origin template", () => {
    expect(shopUrl("https://{shop}", "a.myshopify.com", "/payments_apps/api/2026-07/graphql.json")).toBe(
      "https://a.myshopify.com/payments_apps/api/2026-07/graphql.json",
    );
    expect(shopUrl("http://127.0.0.1:9/{shop}", "a.myshopify.com", "/admin/oauth/access_token")).toBe(
      "http://127.0.0.1:9/a.myshopify.com/admin/oauth/access_token",
    );
  });

  it("reroutes only myshopify URLs", () => {
    const template = "http://127.0.0.1:9/{shop}";
    expect(rerouteShopUrl(template, "https://a.myshopify.com/admin/oauth/access_token")).toBe(
      "http://127.0.0.1:9/a.myshopify.com/admin/oauth/access_token",
    );
    expect(rerouteShopUrl(template, "https://api.getalma.eu/v1/me")).toBe("https://api.getalma.eu/v1/me");
    expect(rerouteShopUrl(template, "https://a.myshopify.com.evil.test/x")).toBe(
      "https://a.myshopify.com.evil.test/x",
    );
  });

  it("accepts only myshopify domains", () => {
    expect(isShopDomain("alma-demo.myshopify.com")).toBe(true);
    for (const bad of [
      "alma.example.com",
      "-x.myshopify.com",
      "a.myshopify.com/../x",
      "a.myshopify.com.evil.test",
    ])
      expect(isShopDomain(bad)).toBe(false);
  });
});
