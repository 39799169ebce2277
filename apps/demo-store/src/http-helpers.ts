import { randomUUID } from "node:crypto";
import { readCookie, type SafeHtml } from "@alma-suite/core";
import type { Request, RequestHandler, Response } from "express";
import { type Cart, cartCount, parseCart, serializeCart } from "./cart/cart.ts";
import { textOf } from "./demo-text.ts";
import { layout } from "./pages/layout.ts";

const CART_COOKIE = "demo_cart";
const SESSION_COOKIE = "demo_session";
// Lax: the cookies ride along when Alma's hosted page sends the customer back, never on a
// cross-site POST, so another site cannot refund this browser's orders.
// Secure whenever the browser came over HTTPS (directly or through a proxy Express trusts).
const cookieOptions = (req: Request) =>
  ({ httpOnly: true, sameSite: "lax", path: "/demo", secure: req.secure }) as const;
const SESSION_ID = /^[0-9a-f-]{36}$/;

export function readCart(req: Request): Cart {
  return parseCart(readCookie(req.get("cookie"), CART_COOKIE));
}

export function writeCart(res: Response, cart: Cart): void {
  if (cart.size === 0) res.clearCookie(CART_COOKIE, cookieOptions(res.req));
  else res.cookie(CART_COOKIE, serializeCart(cart), { ...cookieOptions(res.req), maxAge: 7 * 86_400_000 });
}

/** Gives every browser an anonymous session id: order pages are only shown to the browser that ordered. */
export const demoSession: RequestHandler = (req, res, next) => {
  let id = readCookie(req.get("cookie"), SESSION_COOKIE);
  if (!id || !SESSION_ID.test(id)) {
    id = randomUUID();
    res.cookie(SESSION_COOKIE, id, { ...cookieOptions(req), maxAge: 30 * 86_400_000 });
  }
  res.locals.demoSession = id;
  next();
};

export function sessionOf(res: Response): string {
  const id = res.locals.demoSession;
  if (typeof id !== "string") throw new Error("sessionOf used before demoSession");
  return id;
}

export function sendPage(
  req: Request,
  res: Response,
  page: { title: string; body: SafeHtml; status?: number; scripts?: string[]; cart?: Cart },
): void {
  res
    .status(page.status ?? 200)
    .type("html")
    .set("cache-control", "no-store")
    .send(
      layout(textOf(res), {
        title: page.title,
        path: req.originalUrl,
        body: page.body,
        cartCount: cartCount(page.cart ?? readCart(req)),
        scripts: page.scripts,
      }),
    );
}
