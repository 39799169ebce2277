import { Router } from "express";
import { z } from "zod";
import { cartLines, cartTotal, withQuantity } from "../cart/cart.ts";
import { findProduct } from "../catalogue.ts";
import type { DemoContext } from "../demo-context.ts";
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

  router.get("/", (req, res) => sendPage(req, res, { title: "Shop", body: cataloguePage() }));

  router.get("/products/:slug", async (req, res) => {
    const product = findProduct(req.params.slug);
    if (!product) {
      return sendPage(req, res, {
        status: 404,
        title: "Not found",
        body: messagePage("Not found", "No such product."),
      });
    }
    const setup = await ctx.ready();
    sendPage(req, res, {
      title: product.name,
      // The in-process sandbox is on this very origin, so the widget needs no CORS here.
      body: productPage(product, { merchantId: setup.almaMerchantId, api: "/alma-sandbox" }),
      scripts: ["/widget/alma-eligibility.js"],
    });
  });

  router.get("/cart", (req, res) => {
    const lines = cartLines(readCart(req));
    sendPage(req, res, { title: "Cart", body: cartPage(lines, cartTotal(lines)) });
  });

  router.post("/cart", (req, res) => {
    const form = cartForm.safeParse(req.body);
    if (!form.success || !findProduct(form.data.slug)) {
      ctx.logger.warn({ issues: form.error?.issues.length ?? 0 }, "demo store: bad cart form");
      return sendPage(req, res, {
        status: 400,
        title: "Bad request",
        body: messagePage("That did not work", "The product or quantity was not valid."),
      });
    }
    const cart = readCart(req);
    const { slug, quantity, mode } = form.data;
    writeCart(res, withQuantity(cart, slug, mode === "add" ? (cart.get(slug) ?? 0) + quantity : quantity));
    res.redirect(303, "/demo/cart");
  });

  return router;
}
