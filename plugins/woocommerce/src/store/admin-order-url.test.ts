import { describe, expect, it } from "vitest";
import { adminOrderUrl, almaLocale } from "./admin-order-url.ts";

describe("adminOrderUrl", () => {
  it("links to WooCommerce's order screen with HPOS, to the order post without, to the post when unknown", () => {
    expect(adminOrderUrl({ storeUrl: "https://shop.example/", hpos: true }, 42)).toBe(
      "https://shop.example/wp-admin/admin.php?page=wc-orders&action=edit&id=42",
    );
    expect(adminOrderUrl({ storeUrl: "https://shop.example", hpos: false }, 42)).toBe(
      "https://shop.example/wp-admin/post.php?post=42&action=edit",
    );
    expect(adminOrderUrl({ storeUrl: "https://shop.example" }, "42")).toBe(
      "https://shop.example/wp-admin/post.php?post=42&action=edit",
    );
  });
});

describe("almaLocale", () => {
  it("takes the language of the site's locale, French when it is unknown", () => {
    expect(almaLocale("de_DE")).toBe("de");
    expect(almaLocale("en_US")).toBe("en");
    expect(almaLocale("fr")).toBe("fr");
    expect(almaLocale(undefined)).toBe("fr");
    expect(almaLocale("")).toBe("fr");
  });
});
