import { constantTimeEqual, findUnstorableText, readBody, UNSTORABLE_TEXT } from "@alma-suite/core";
import { Router } from "express";
import { z } from "zod";
import type { WooDeps } from "../store/woo-deps.ts";
import { connectStore } from "./connect-store.ts";

const bodySchema = z.object({
  store_url: z.string().max(500),
  consumer_key: z.string().min(1).max(200),
  consumer_secret: z.string().min(1).max(200),
  name: z.string().max(200).optional(),
  alma_mode: z.enum(["test", "live"]).default("test"),
  alma_test_key: z.string().max(200).optional(),
  alma_live_key: z.string().max(200).optional(),
  plan_key: z.string().max(50).optional(),
  pay_by_link_methods: z.array(z.string().max(100)).max(20).optional(),
  released_order_status: z.enum(["cancelled", "failed"]).optional(),
});

/**
 * `POST /woocommerce/stores`: registering a store over HTTP, for the operator (bearer
 * WOOCOMMERCE_REGISTRATION_TOKEN). Without that token configured, only the CLI registers stores:
 * this endpoint makes the server call arbitrary URLs, so it is never open.
 */
export function connectStoreRoute(deps: WooDeps): Router {
  const router = Router();
  router.post(
    "/stores",
    readBody({ types: ["application/json"], limitBytes: 32 * 1024, as: "json" }),
    async (req, res) => {
      const token = deps.config.registrationToken;
      const given = /^Bearer (.+)$/.exec(req.get("authorization") ?? "")?.[1] ?? "";
      if (!token || !constantTimeEqual(given, token)) {
        deps.logger.warn({ ip: req.ip }, "store registration refused");
        res.status(token ? 401 : 403).json({
          error: token
            ? "invalid registration token"
            : "store registration over HTTP is disabled; use the CLI",
        });
        return;
      }
      const parsed = bodySchema.safeParse(req.body);
      const unstorable = findUnstorableText(req.body);
      if (unstorable) {
        res.status(400).json({ error: `${unstorable} ${UNSTORABLE_TEXT}`, fields: [unstorable] });
        return;
      }
      if (!parsed.success) {
        res
          .status(400)
          .json({ error: "invalid body", fields: parsed.error.issues.map((i) => i.path.join(".")) });
        return;
      }
      const b = parsed.data;
      const result = await connectStore(deps, {
        storeUrl: b.store_url,
        consumerKey: b.consumer_key,
        consumerSecret: b.consumer_secret,
        almaMode: b.alma_mode,
        ...(b.name ? { name: b.name } : {}),
        ...(b.alma_test_key ? { almaTestKey: b.alma_test_key } : {}),
        ...(b.alma_live_key ? { almaLiveKey: b.alma_live_key } : {}),
        ...(b.plan_key ? { planKey: b.plan_key } : {}),
        ...(b.pay_by_link_methods ? { payByLinkMethods: b.pay_by_link_methods } : {}),
        ...(b.released_order_status ? { releasedOrderStatus: b.released_order_status } : {}),
      });
      if (!result.ok) {
        deps.logger.warn({ storeUrl: b.store_url, error: result.error }, "store registration failed");
        res.status(result.status).json({ error: result.error });
        return;
      }
      res.status(result.created ? 201 : 200).json({
        store_id: result.storeId,
        gateway_secret: result.gatewaySecret,
        webhook_url: `${deps.publicUrl}/woocommerce/webhooks/${result.storeId}`,
        gateway_url: `${deps.publicUrl}/woocommerce/gateway/${result.storeId}`,
        webhooks: result.webhooks,
      });
    },
  );
  return router;
}
