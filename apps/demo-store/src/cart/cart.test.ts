import { describe, expect, it } from "vitest";
import { cartCount, cartLines, cartTotal, parseCart, serializeCart, withQuantity } from "./cart.ts";

describe("cart cookie", () => {
  it("round-trips and prices lines from the catalogue, never from the cookie", () => {
    const cart = withQuantity(withQuantity(parseCart(undefined), "city-bike", 1), "ceramic-teapot", 2);
    const again = parseCart(serializeCart(cart));
    const lines = cartLines(again);
    expect(lines.map((l) => [l.product.slug, l.quantity, l.lineCents])).toEqual([
      ["ceramic-teapot", 2, 24000],
      ["city-bike", 1, 90000],
    ]);
    expect(cartTotal(lines)).toBe(114000);
    expect(cartCount(again)).toBe(3);
  });

  it("drops unknown products, bad quantities and caps large ones", () => {
    const cart = parseCart("nope:1,linen-tote:-2,city-bike:1.5,ceramic-teapot:999,oak-side-table:x");
    expect([...cart]).toEqual([["ceramic-teapot", 10]]);
    expect([...withQuantity(cart, "ceramic-teapot", 0)]).toEqual([]);
  });
});
