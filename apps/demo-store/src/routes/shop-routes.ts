import { Router } from "express";
import { z } from "zod";
import { cartLines, cartTotal, withQuantity } from "../cart/cart.ts";
import { findProduct, productName } from "../catalogue.ts";
import type { DemoContext } from "../demo-context.ts";
import { LANGUAGE_COOKIE, textOf } from "../demo-text.ts";
import { readCart, sendPage, writeCart } from "../http-helpers.ts";
import { cartPage } from "../pages/cart-page.ts";
import { cataloguePage } from "../pages/catalogue-page.ts";
import { messagePage } from "../pages/message-page.ts";
import { productPage } from "../pages/product-page.ts";

const cartForm = z.object({
  slug: z.string().max(100),
  quantity: z.coerce.number().int().min(0).max(99),
  mode: z.enum(["add", "set"]).default("add"),
});

/** Catalogue, product pages (with the eligibility widget) and the cookie cart. */
export function shopRoutes(ctx: DemoContext): Router {
  const router = Router();

  router.get("/", (req, res) =>
    sendPage(req, res, { title: textOf(res).t("catalogue.title"), body: cataloguePage(textOf(res)) }),
  );
  // The header's language links: the choice is kept in a cookie and the shopper goes back where they were.
  router.get("/language/:lang", (req, res) => {
    const lang = req.params.lang;
    if (lang !== "fr" && lang !== "en") {
      ctx.logger.warn({ lang: lang.slice(0, 20) }, "demo store: unknown language");
      return res.redirect(303, "/demo");
    }
    const back = typeof req.query.back === "string" ? req.query.back : "";
    // Only a page of this shop: never an open redirect to another site.
    const safeBack = /^\/demo(\/[^\\]*)?$/.test(back) && !back.startsWith("//") ? back : "/demo";
    res.cookie(LANGUAGE_COOKIE, lang, {
      httpOnly: true,
      sameSite: "lax",
      path: "/demo",
      secure: req.secure,
      maxAge: 365 * 86_400_000,
    });
    res.redirect(303, safeBack);
  });

  router.get("/products/:slug", async (req, res) => {
    const product = findProduct(req.params.slug);
    if (!product) {
      const text = textOf(res);
      return sendPage(req, res, {
        status: 404,
        title: text.t("message.notFound"),
        body: messagePage(text, text.t("message.notFound"), text.t("message.noProduct")),
      });
    }
    const setup = await ctx.ready();
    sendPage(req, res, {
      title: productName(textOf(res), product.slug, product.name),
      // The in-process sandbox is on this very origin, so the widget needs no CORS here.
      body: productPage(textOf(res), product, { merchantId: setup.almaMerchantId, api: "/alma-sandbox" }),
      scripts: ["/widget/alma-eligibility.js"],
    });
  });

  router.get("/cart", (req, res) => {
    const lines = cartLines(readCart(req));
    const text = textOf(res);
    sendPage(req, res, { title: text.t("cart.pageTitle"), body: cartPage(text, lines, cartTotal(lines)) });
  });

  router.post("/cart", (req, res) => {
    const form = cartForm.safeParse(req.body);
    if (!form.success || !findProduct(form.data.slug)) {
      ctx.logger.warn({ issues: form.error?.issues.length ?? 0 }, "demo store: bad cart form");
      const text = textOf(res);
      return sendPage(req, res, {
        status: 400,
        title: text.t("message.badRequest"),
        body: messagePage(text, text.t("message.didNotWork"), text.t("message.badCart")),
      });
    }
    const cart = readCart(req);
    const { slug, quantity, mode } = form.data;
    writeCart(res, withQuantity(cart, slug, mode === "add" ? (cart.get(slug) ?? 0) + quantity : quantity));
    res.redirect(303, "/demo/cart");
  });

  return router;
}
