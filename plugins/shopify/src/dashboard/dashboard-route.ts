import type { PluginLogger } from "@alma-suite/core";
import { Router } from "express";
import type { SessionCookies } from "../auth/session-cookie.ts";

/**
 * `GET /shopify/dashboard`: a merchant signed in to the app (Shopify's OAuth, our session cookie)
 * is handed over to the suite's merchant dashboard with a fresh single-use login link for that
 * shop's tenant. The tenant comes from the signed cookie only.
 */
export function dashboardRoute(options: {
  cookies: SessionCookies;
  loginLink: ((tenantId: string) => Promise<string>) | undefined;
  logger: PluginLogger;
}): Router {
  const router = Router();
  router.get("/dashboard", async (req, res) => {
    const session = options.cookies.read(req);
    if (!session) {
      res.status(401).json({ error: "open the Alma app from your Shopify admin to reach the dashboard" });
      return;
    }
    if (!options.loginLink) {
      res.status(503).json({ error: "this server does not serve the merchant dashboard" });
      return;
    }
    const url = await options.loginLink(session.tenantId);
    options.logger.info(
      { tenantId: session.tenantId, shop: session.shop },
      "Shopify merchant sent to the dashboard",
    );
    res.redirect(303, url);
  });
  return router;
}
