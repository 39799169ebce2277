import { html, type SafeHtml } from "@alma-suite/core";
import type { DemoText } from "../demo-text.ts";
import { STYLES } from "./styles.ts";

export interface LayoutInput {
  title: string;
  /** Items in the cart, shown in the navigation. */
  cartCount: number;
  body: SafeHtml;
  /** Loaded at the end of the page (the eligibility widget on product pages). */
  scripts?: string[];
  /** The page's own path, where the language links come back to. */
  path: string;
}

const LANGUAGE_NAMES = [
  { code: "fr", name: "Français" },
  { code: "en", name: "English" },
] as const;

/** The page shell: language, viewport, skip link, one navigation, one main landmark. */
export function layout(text: DemoText, input: LayoutInput): string {
  const { t } = text;
  const back = encodeURIComponent(input.path);
  return html`<!doctype html>
<html lang="${text.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · ${t("layout.siteName")}</title>
<style>${STYLES}</style>
</head>
<body>
<a class="skip" href="#main">${t("layout.skip")}</a>
<header class="top">
<p class="brand"><a href="/demo">Atelier Alma <span>${t("layout.demoStore")}</span></a></p>
<nav aria-label="${t("layout.main")}">
<ul>
<li><a href="/demo">${t("layout.shop")}</a></li>
<li><a href="/demo/cart">${t("layout.cart", { count: input.cartCount })}</a></li>
<li><a href="/demo/orders">${t("layout.orders")}</a></li>
<li><a href="/dashboard/">${t("layout.dashboard")}</a></li>
</ul>
</nav>
<nav aria-label="${t("layout.language")}"><ul class="languages">${LANGUAGE_NAMES.map((language) =>
    language.code === text.locale
      ? html`<li><span aria-current="true" lang="${language.code}">${language.name}</span></li>`
      : html`<li><a href="/demo/language/${language.code}?back=${back}" lang="${language.code}" hreflang="${language.code}">${language.name}</a></li>`,
  )}</ul></nav>
</header>
<main id="main" tabindex="-1">
${input.body}
</main>
<footer><p>${t("layout.footer")}</p></footer>
${(input.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</body>
</html>`.value;
}
