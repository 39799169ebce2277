import { findUnstorableText, type PluginLogger, parseJsonText, readBody } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import type { Shopify } from "@shopify/shopify-api";
import { Router } from "express";
import { refuse } from "../http/shopify-request.ts";
import { handleWebhook } from "./handle-webhook.ts";

/**
 * `POST /webhooks`: `X-Shopify-Hmac-Sha256` is checked by the library on the raw body before
 * anything is parsed (401 when missing or wrong); the verified payload is then handled at once,
 * once per `X-Shopify-Webhook-Id`.
 */
export function webhookRoute(deps: {
  shopify: Shopify;
  storage: Storage;
  now: () => number;
  logger: PluginLogger;
}): Router {
  const router = Router();
  router.post(
    "/webhooks",
    readBody({ types: ["application/json"], limitBytes: 1024 * 1024, as: "text" }),
    async (req, res) => {
      const rawBody = typeof req.body === "string" ? req.body : "";
      const check = await deps.shopify.webhooks.validate({ rawBody, rawRequest: req, rawResponse: res });
      if (!check.valid) {
        const unsigned = check.reason === "invalid_hmac" || check.reason === "missing_hmac";
        return refuse(res, deps.logger, unsigned ? 401 : 400, `webhook refused: ${check.reason}`, {
          route: "webhooks",
        });
      }
      let body: unknown;
      try {
        body = parseJsonText(rawBody);
      } catch (error) {
        return refuse(res, deps.logger, 400, `webhook body refused: ${(error as Error).message}`, {
          route: "webhooks",
          topic: check.topic,
        });
      }
      if (findUnstorableText(body))
        return refuse(res, deps.logger, 400, "webhook body holds a NUL character or an unpaired surrogate", {
          route: "webhooks",
        });
      const context = {
        route: "webhooks",
        topic: check.topic,
        shop: check.domain,
        webhookId: check.webhookId,
      };
      // Shopify signs the body only, with no date: each webhook id is acted on once (Shopify's
      // redeliveries keep the id, and so does a delivery replayed as captured), and a replay is
      // acknowledged unread. The headers are not signed, so this is not the only guard: the shop
      // must be the body's (handleWebhook), and the destructive topics check the shop's state.
      // Shopify's ids are UUIDs; a much longer one would not fit PostgreSQL's index of keys, so it
      // is refused rather than failing the insert.
      if (check.webhookId.length > 200)
        return refuse(res, deps.logger, 400, "X-Shopify-Webhook-Id is longer than 200 characters", context);
      const seen = `shopify:webhook:${check.webhookId}`;
      if (await deps.storage.isNotificationProcessed(seen)) {
        deps.logger.info(context, "webhook already processed: redelivery or replay ignored");
        res.status(200).json({ ok: true, duplicate: true });
        return;
      }
      const triggeredAt = check.triggeredAt ? Date.parse(check.triggeredAt) : Number.NaN;
      const result = await handleWebhook(deps, {
        topic: check.topic,
        shop: check.domain,
        body,
        ...(Number.isFinite(triggeredAt) ? { triggeredAt } : {}),
      });
      if (!result.ok) return refuse(res, deps.logger, 400, result.error, context);
      // Marked once done: a delivery that failed half-way is acted on again when Shopify retries it.
      await deps.storage.markNotificationProcessed(seen);
      deps.logger.info({ ...context, handled: result.handled }, "webhook processed");
      res.status(200).json({ ok: true });
    },
  );
  return router;
}
