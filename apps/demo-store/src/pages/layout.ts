import { html, type SafeHtml } from "@alma-suite/core";
import { STYLES } from "./styles.ts";

export interface LayoutInput {
  title: string;
  /** Items in the cart, shown in the navigation. */
  cartCount: number;
  body: SafeHtml;
  /** Loaded at the end of the page (the eligibility widget on product pages). */
  scripts?: string[];
}

/** The page shell: language, viewport, skip link, one navigation, one main landmark. */
export function layout(input: LayoutInput): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · Alma demo store</title>
<style>${STYLES}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<p class="brand"><a href="/demo">Atelier Alma <span>demo store</span></a></p>
<nav aria-label="Main">
<ul>
<li><a href="/demo">Shop</a></li>
<li><a href="/demo/cart">Cart (${input.cartCount})</a></li>
<li><a href="/demo/orders">Orders</a></li>
<li><a href="/dashboard/">Dashboard</a></li>
</ul>
</nav>
</header>
<main id="main" tabindex="-1">
${input.body}
</main>
<footer><p>A demo shop on the local Alma sandbox: no real money, test cards only.</p></footer>
${(input.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>`.value;
}
