import { describe, expect, it } from "vitest";
import { normalizeStoreUrl } from "./normalize-store-url.ts";

describe("normalizeStoreUrl", () => {
  it("keys a store by origin and path without trailing slash, refusing what cannot be a home URL", () => {
    expect(normalizeStoreUrl(" https://Shop.Example.com/ ")).toEqual({
      ok: true,
      url: "https://shop.example.com",
    });
    expect(normalizeStoreUrl("http://127.0.0.1:8080/boutique//")).toEqual({
      ok: true,
      url: "http://127.0.0.1:8080/boutique",
    });
    expect(normalizeStoreUrl("ftp://shop.test").ok).toBe(false);
    expect(normalizeStoreUrl("https://user:pw@shop.test").ok).toBe(false);
    expect(normalizeStoreUrl("https://shop.test/?rest_route=/wc/v3").ok).toBe(false);
    expect(normalizeStoreUrl("shop.test").ok).toBe(false);
  });
});
