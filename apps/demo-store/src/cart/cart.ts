import { CATALOGUE, findProduct, type Product } from "../catalogue.ts";

export const MAX_QUANTITY = 10;

/** Product slug → quantity. Prices are never in the cookie: they always come from the catalogue. */
export type Cart = ReadonlyMap<string, number>;

export interface CartLine {
  product: Product;
  quantity: number;
  lineCents: number;
}

/** `slug:qty,slug:qty`; anything unknown or out of range is dropped rather than trusted. */
export function parseCart(raw: string | undefined): Cart {
  const cart = new Map<string, number>();
  for (const part of (raw ?? "").split(",")) {
    const [slug = "", quantityText = ""] = part.split(":");
    const quantity = Number(quantityText);
    if (findProduct(slug) && Number.isInteger(quantity) && quantity >= 1)
      cart.set(slug, Math.min(quantity, MAX_QUANTITY));
  }
  return cart;
}

export function serializeCart(cart: Cart): string {
  return [...cart].map(([slug, quantity]) => `${slug}:${quantity}`).join(",");
}

/** Sets a line's quantity (0 removes it), capped at MAX_QUANTITY. */
export function withQuantity(cart: Cart, slug: string, quantity: number): Cart {
  const next = new Map(cart);
  if (!findProduct(slug) || quantity <= 0) next.delete(slug);
  else next.set(slug, Math.min(Math.floor(quantity), MAX_QUANTITY));
  return next;
}

/** Lines in catalogue order, with their totals in cents. */
export function cartLines(cart: Cart): CartLine[] {
  return CATALOGUE.filter((product) => cart.has(product.slug)).map((product) => {
    const quantity = cart.get(product.slug) ?? 0;
    return { product, quantity, lineCents: product.priceCents * quantity };
  });
}

export function cartTotal(lines: readonly CartLine[]): number {
  return lines.reduce((sum, line) => sum + line.lineCents, 0);
}

export function cartCount(cart: Cart): number {
  return [...cart.values()].reduce((sum, quantity) => sum + quantity, 0);
}
