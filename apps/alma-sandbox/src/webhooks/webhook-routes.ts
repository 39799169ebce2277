import { type Request, type Response, Router } from "express";
import { z } from "zod";
import { merchantOf } from "../auth/authenticate.ts";
import { parseWith } from "../http/parse-body.ts";
import { sendNotFound, sendValidationError } from "../http/send-error.ts";
import { newId } from "../ids/new-id.ts";
import type { SandboxContext } from "../sandbox-context.ts";
import type { WebhookRecord } from "./webhook-record.ts";

// The types Alma's clients register; the sandbox records them and never calls them.
const WEBHOOK_TYPES = ["integration_capabilities", "ecommerce_report"] as const;

const createBodySchema = z.object({
  type: z.enum(WEBHOOK_TYPES, { error: `must be one of ${WEBHOOK_TYPES.join(", ")}` }),
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
});

/** `/v1/webhooks`: create (`{type, url}` → `{id, type, url}`), list, fetch and delete (204). */
export function webhookRoutes(ctx: SandboxContext): Router {
  const router = Router();

  router.post("/v1/webhooks", (req, res) => {
    const parsed = parseWith(createBodySchema, req.body);
    if (!parsed.ok) return sendValidationError(res, parsed.errors);
    const webhook: WebhookRecord = { id: newId("webhook"), ...parsed.value };
    ctx.store.webhooks.put(webhook.id, webhook, { owner: merchantOf(res).id });
    res.json(webhook);
  });

  router.get("/v1/webhooks", (_req, res) => {
    const { items } = ctx.store.webhooks.list({ owner: merchantOf(res).id });
    res.json({ data: items, has_more: false });
  });

  router.get("/v1/webhooks/:id", (req, res) => {
    const webhook = loadWebhook(ctx, req, res);
    if (webhook) res.json(webhook);
  });

  router.delete("/v1/webhooks/:id", (req, res) => {
    const webhook = loadWebhook(ctx, req, res);
    if (!webhook) return;
    ctx.store.webhooks.delete(webhook.id);
    res.status(204).end();
  });

  return router;
}

function loadWebhook(ctx: SandboxContext, req: Request, res: Response): WebhookRecord | undefined {
  const id = String(req.params.id ?? "");
  const owned = ctx.store.webhooks.list({
    owner: merchantOf(res).id,
    filter: (w) => (w as WebhookRecord).id === id,
  });
  const webhook = owned.items[0];
  if (!webhook) sendNotFound(res, "webhook", id);
  return webhook;
}
