import express, { type Request, Router } from "express";
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
  router.post("/webhooks/:storeId", express.raw({ type: () => true, limit: "5mb" }), async (req, res) => {
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
      payload = JSON.parse(body.toString("utf8"));
    } catch {
      deps.logger.warn({ tenantId }, "WooCommerce webhook refused: body is not JSON");
      res.status(400).json({ error: "body is not JSON" });
      return;
    }
    const topic = req.get("x-wc-webhook-topic") ?? "";
    const outcome = await acceptOrderHint(deps, tenantId, readStoreSettings(tenant), topic, payload);
    if ("invalid" in outcome) {
      deps.logger.warn({ tenantId, topic }, `WooCommerce webhook refused: ${outcome.invalid}`);
      res.status(400).json({ error: outcome.invalid });
      return;
    }
    deps.logger.debug({ tenantId, topic, outcome }, "WooCommerce webhook");
    res.json(outcome.queued ? { ok: true } : { ok: true, ignored: outcome.reason });
  });
  return router;
}

function isPing(req: Request, body: Buffer): boolean {
  return (
    req.is("application/x-www-form-urlencoded") !== false && /^webhook_id=\d+$/.test(body.toString("utf8"))
  );
}
