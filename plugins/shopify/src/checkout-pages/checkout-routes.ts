import { AlmaError, readBody } from "@alma-suite/core";
import { type Request, type Response, Router } from "express";
import type { CheckoutDeps, PageResult } from "./checkout-deps.ts";
import { choosePlan } from "./choose-plan.ts";
import { customerCancel } from "./customer-cancel.ts";
import { customerReturn } from "./customer-return.ts";
import { PAGE_CSP } from "./html.ts";
import { renderNotFoundPage, renderWaitPage } from "./render-pages.ts";
import { showCheckout } from "./show-checkout.ts";

/** The buyer's pages: plan picker, Alma's return and cancel URLs. Thin: each wires one use case. */
export function checkoutRoutes(deps: CheckoutDeps): Router {
  const router = Router();
  const send = (res: Response, result: PageResult) => {
    res
      .set("Cache-Control", "no-store")
      .set("Referrer-Policy", "no-referrer")
      .set("Content-Security-Policy", PAGE_CSP);
    if ("redirect" in result) res.redirect(303, result.redirect);
    else res.status(result.status).type("html").send(result.html);
  };
  // No session to read the buyer's language from: the browser's first language (French otherwise).
  const browserLocale = (req: Request) => req.get("accept-language")?.split(/[,;]/)[0]?.trim() || null;
  const notFound = (req: Request, res: Response) =>
    send(res, { status: 404, html: renderNotFoundPage(browserLocale(req)) });
  const text = (value: unknown) => (typeof value === "string" ? value : "");

  // Alma unreachable while the buyer waits: a page that tries again, never an error page.
  const orRetry = async (req: Request, page: Promise<PageResult>, retryUrl: string): Promise<PageResult> => {
    try {
      return await page;
    } catch (error) {
      if (!(error instanceof AlmaError)) throw error;
      deps.logger.warn({ err: error.message }, "Alma unavailable on a buyer page");
      return { status: 503, html: renderWaitPage(browserLocale(req), retryUrl) };
    }
  };

  router.get("/checkout/:tenantId/:linkId", async (req, res) => {
    const { tenantId, linkId } = req.params;
    if (!deps.links.verify(tenantId, linkId, req.query.s)) return notFound(req, res);
    send(
      res,
      await orRetry(req, showCheckout(deps, tenantId, linkId), deps.links.checkoutUrl(tenantId, linkId)),
    );
  });
  router.post(
    "/checkout/:tenantId/:linkId/plan",
    readBody({ types: ["application/x-www-form-urlencoded"], limitBytes: 4 * 1024, as: "form" }),
    async (req, res) => {
      const { tenantId, linkId } = req.params;
      const body = (req.body ?? {}) as Record<string, unknown>;
      if (!deps.links.verify(tenantId, linkId, body.s)) return notFound(req, res);
      const self = deps.links.checkoutUrl(tenantId, linkId);
      send(res, await orRetry(req, choosePlan(deps, tenantId, linkId, text(body.plan)), self));
    },
  );
  router.get("/return/:tenantId", async (req, res) => {
    send(res, await customerReturn(deps, req.params.tenantId, text(req.query.pid)));
  });
  router.get("/cancel/:tenantId/:linkId/:s", async (req, res) => {
    const { tenantId, linkId, s } = req.params;
    if (!deps.links.verifyCancel(tenantId, linkId, s)) return notFound(req, res);
    send(res, await customerCancel(deps, tenantId, text(req.query.pid), linkId));
  });
  // Unsigned: payments created before cancel URLs were signed. The buyer goes back to checkout,
  // nothing is cancelled (the payment expires at Alma on its own).
  router.get("/cancel/:tenantId", async (req, res) => {
    send(res, await customerCancel(deps, req.params.tenantId, text(req.query.pid), null));
  });
  return router;
}
