import { parseJsonText, readBody } from "@alma-suite/core";
import { type Request, Router } from "express";
import { readStoreSettings } from "../store/store-settings.ts";
import type { WooDeps } from "../store/woo-deps.ts";
import { acceptOrderHint } from "./accept-order-hint.ts";
import { verifyWcSignature } from "./wc-signature.ts";

/**
 * `POST /woocommerce/webhooks/:storeId`. The store's webhook secret checks
 * `X-WC-Webhook-Signature` over the raw body before the body is even parsed. The one unsigned call
 * WooCommerce makes, the form-encoded ping sent when a webhook is created, gets its 200 and
 * nothing else.
 */
export function webhookRoute(deps: WooDeps): Router {
  const router = Router();
  router.post(
    "/webhooks/:storeId",
    readBody({
      types: ["application/json", "application/x-www-form-urlencoded"],
      limitBytes: 5 * 1024 * 1024,
      as: "raw",
    }),
    async (req, res) => {
      const tenantId = String(req.params.storeId);
      const tenant = await deps.storage.getTenant(tenantId);
      const secret =
        tenant?.platform === "woocommerce" && tenant.status === "active"
          ? await deps.storage.getSecret(tenantId, "webhook_secret")
          : null;
      if (!tenant || !secret) {
        deps.logger.warn({ tenantId }, "WooCommerce webhook for an unknown store");
        res.status(404).json({ error: "unknown store" });
        return;
      }
      const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const signature = req.get("x-wc-webhook-signature");
      if (!signature && isPing(req, body)) {
        deps.logger.info({ tenantId }, "WooCommerce webhook ping");
        res.json({ ok: true });
        return;
      }
      if (!verifyWcSignature(body, signature, secret)) {
        deps.logger.warn(
          { tenantId, webhookId: req.get("x-wc-webhook-id") },
          "WooCommerce webhook refused: bad signature",
        );
        res.status(401).json({ error: "invalid X-WC-Webhook-Signature" });
        return;
      }
      let payload: unknown;
      try {
        payload = parseJsonText(body.toString("utf8"));
      } catch (error) {
        deps.logger.warn({ tenantId, reason: (error as Error).message }, "WooCommerce webhook refused");
        res.status(400).json({ error: (error as Error).message });
        return;
      }
      const topic = req.get("x-wc-webhook-topic") ?? "";
      const settings = readStoreSettings(tenant);
      if (!settings.ok) {
        deps.logger.warn({ tenantId, topic, reason: settings.error }, "WooCommerce webhook refused");
        res
          .status(409)
          .json({ error: `${settings.error}: connect the store again (POST /woocommerce/stores)` });
        return;
      }
      const outcome = await acceptOrderHint(deps, tenantId, settings.settings, topic, payload);
      if ("invalid" in outcome) {
        deps.logger.warn({ tenantId, topic }, `WooCommerce webhook refused: ${outcome.invalid}`);
        res.status(400).json({ error: outcome.invalid });
        return;
      }
      deps.logger.debug({ tenantId, topic, outcome }, "WooCommerce webhook");
      res.json(outcome.queued ? { ok: true } : { ok: true, ignored: outcome.reason });
    },
  );
  return router;
}

function isPing(req: Request, body: Buffer): boolean {
  return (
    req.is("application/x-www-form-urlencoded") !== false && /^webhook_id=\d+$/.test(body.toString("utf8"))
  );
}
