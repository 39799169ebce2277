import type { Translator } from "@alma-suite/core";

export interface Product {
  slug: string;
  name: string;
  /** Cents. */
  priceCents: number;
  description: string;
  /** The product "photo": a colour swatch, so the demo ships no images. */
  colour: string;
}

/** Four products from 60 to 900 EUR: inside Alma's 50–2,000 EUR window, one for each kind of basket. */
export const CATALOGUE: readonly Product[] = [
  {
    slug: "linen-tote",
    name: "Linen tote bag",
    priceCents: 6000,
    description: "Washed linen, inner pocket, made in Lyon.",
    colour: "#c9b79c",
  },
  {
    slug: "ceramic-teapot",
    name: "Ceramic teapot",
    priceCents: 12000,
    description: "Stoneware teapot, 1.2 litres, hand glazed.",
    colour: "#5b7f95",
  },
  {
    slug: "oak-side-table",
    name: "Oak side table",
    priceCents: 34900,
    description: "Solid French oak, oiled finish, 45 cm high.",
    colour: "#a0703f",
  },
  {
    slug: "city-bike",
    name: "City bike",
    priceCents: 90000,
    description: "Steel frame, 7 gears, dynamo lights and a rack.",
    colour: "#2f6f4f",
  },
];

export function findProduct(slug: string): Product | undefined {
  return CATALOGUE.find((product) => product.slug === slug);
}

/** The product's name in the shopper's language; `fallback` (the name stored with an order) otherwise. */
export function productName(text: Translator, slug: string, fallback: string): string {
  return text.t(`products.${slug}.name`, { defaultValue: fallback });
}

export function productDescription(text: Translator, slug: string, fallback: string): string {
  return text.t(`products.${slug}.description`, { defaultValue: fallback });
}
