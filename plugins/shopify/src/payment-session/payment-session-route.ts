import type { PluginLogger } from "@alma-suite/core";
import { AlmaError, readBody } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import { Router } from "express";
import { parseBody, readShopifyHeaders, refuse } from "../http/shopify-request.ts";
import { tokenIsDead } from "../tenants/access-token.ts";
import { readShopSettings } from "../tenants/shop-settings.ts";
import { findActiveShop } from "../tenants/shop-tenant.ts";
import { paymentSessionRequestSchema } from "./payment-session-request.ts";
import { type StartDeps, startPaymentSession } from "./start-payment-session.ts";

/** `POST /payment-sessions`: Shopify's payment session request (behind mTLS at the edge). */
export function paymentSessionRoute(deps: StartDeps & { storage: Storage; logger: PluginLogger }): Router {
  const router = Router();
  router.post(
    "/payment-sessions",
    readBody({ types: ["application/json"], limitBytes: 64 * 1024, as: "json" }),
    async (req, res) => {
      const headers = readShopifyHeaders(req);
      const context = {
        route: "payment-sessions",
        shopifyRequestId: headers?.requestId,
        shop: headers?.shopDomain,
      };
      if (!headers) return refuse(res, deps.logger, 400, "missing Shopify-Shop-Domain header", context);
      const body = parseBody(paymentSessionRequestSchema, req.body);
      if (!body.ok) return refuse(res, deps.logger, 400, body.error, context);
      const tenant = await findActiveShop(deps.storage, headers.shopDomain);
      if (!tenant) return refuse(res, deps.logger, 404, `unknown shop ${headers.shopDomain}`, context);
      const settings = readShopSettings(tenant.settings);
      if (!settings.ready)
        return refuse(res, deps.logger, 409, "Alma is not configured for this shop yet", context);
      // Without a usable token the sale could be paid at Alma but never resolved in Shopify.
      if (tokenIsDead(settings, deps.now()))
        return refuse(
          res,
          deps.logger,
          409,
          "the app's access to this shop expired: the merchant must reopen the app from the Shopify admin",
          context,
        );
      try {
        const result = await startPaymentSession(deps, tenant, body.value);
        if (!result.ok)
          return refuse(res, deps.logger, result.status, result.error, {
            ...context,
            session: body.value.id,
          });
        deps.logger.info(
          { ...context, session: body.value.id, created: result.created },
          "payment session answered",
        );
        res.status(201).json({ redirect_url: result.redirectUrl });
      } catch (error) {
        // Not a 2xx, so Shopify retries the request; the session id makes the retry safe.
        if (!(error instanceof AlmaError)) throw error;
        deps.logger.error(
          { ...context, session: body.value.id, err: error.message },
          "Alma unavailable for a payment session",
        );
        res.status(502).json({ error: "Alma could not be reached, retry shortly" });
      }
    },
  );
  return router;
}
