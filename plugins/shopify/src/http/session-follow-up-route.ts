import type { PluginLogger } from "@alma-suite/core";
import { readBody } from "@alma-suite/core";
import type { PaymentLink, Storage, Tenant } from "@alma-suite/core/storage";
import { Router } from "express";
import type { z } from "zod";
import { readSession, type SessionRecord } from "../payment-session/session-record.ts";
import { findActiveShop } from "../tenants/shop-tenant.ts";
import { parseBody, readShopifyHeaders, refuse } from "./shopify-request.ts";

export interface FollowUp<T> {
  tenant: Tenant;
  link: PaymentLink;
  session: SessionRecord;
  body: T;
}

/**
 * The shape shared by Shopify's refund, capture and void session requests: check the headers,
 * the body and the shop, find the payment session by `payment_id`, let the use case record the
 * work durably, then answer 201 with an empty JSON object and finish asynchronously.
 */
export function sessionFollowUpRoute<S extends z.ZodType<{ id: string; payment_id: string }>>(options: {
  path: string;
  schema: S;
  storage: Storage;
  logger: PluginLogger;
  /** Records the work; a refusal value means the request itself is wrong (4xx, nothing recorded). */
  accept: (request: FollowUp<z.output<S>>) => Promise<undefined | { status: 400 | 409; error: string }>;
}): Router {
  const { storage, logger } = options;
  const router = Router();
  router.post(
    options.path,
    readBody({ types: ["application/json"], limitBytes: 32 * 1024, as: "json" }),
    async (req, res) => {
      const headers = readShopifyHeaders(req);
      const context = {
        route: options.path,
        shopifyRequestId: headers?.requestId,
        shop: headers?.shopDomain,
      };
      if (!headers) return refuse(res, logger, 400, "missing Shopify-Shop-Domain header", context);
      const body = parseBody(options.schema, req.body);
      if (!body.ok) return refuse(res, logger, 400, body.error, context);
      const tenant = await findActiveShop(storage, headers.shopDomain);
      if (!tenant) return refuse(res, logger, 404, `unknown shop ${headers.shopDomain}`, context);
      const link = await storage.findPaymentByOrderRef(tenant.id, body.value.payment_id);
      const session = link && readSession(link);
      if (!link || !session)
        return refuse(res, logger, 404, `unknown payment ${body.value.payment_id}`, {
          ...context,
          id: body.value.id,
        });
      const refused = await options.accept({ tenant, link, session, body: body.value });
      if (refused)
        return refuse(res, logger, refused.status, refused.error, { ...context, id: body.value.id });
      logger.info(
        { ...context, id: body.value.id, paymentId: body.value.payment_id },
        "session request accepted",
      );
      res.status(201).json({});
    },
  );
  return router;
}
