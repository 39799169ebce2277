import { findUnstorableText, type PluginLogger, UNSTORABLE_TEXT } from "@alma-suite/core";
import type { Request, Response } from "express";
import type { z } from "zod";
import type { ShopifyRequestHeaders } from "../payment-session/payment-session-request.ts";

/** A JSON error with a log line, the one shape every refusal of ours takes. */
export function refuse(
  res: Response,
  logger: PluginLogger,
  status: number,
  error: string,
  context: Record<string, unknown> = {},
): void {
  logger.warn({ ...context, status, error }, "Shopify request refused");
  res.status(status).json({ error });
}

/** The `Shopify-*` headers of a session request; the shop domain is required. */
export function readShopifyHeaders(req: Request): ShopifyRequestHeaders | null {
  const shopDomain = req.get("shopify-shop-domain")?.trim().toLowerCase();
  if (!shopDomain) return null;
  return {
    shopDomain,
    requestId: req.get("shopify-request-id") ?? null,
    apiVersion: req.get("shopify-api-version") ?? null,
  };
}

/** Validates a parsed body; the issues become one readable message. */
export function parseBody<T extends z.ZodType>(
  schema: T,
  body: unknown,
): { ok: true; value: z.output<T> } | { ok: false; error: string } {
  const parsed = schema.safeParse(body);
  const unstorable = findUnstorableText(body);
  if (unstorable) return { ok: false, error: `invalid request body: ${unstorable}: ${UNSTORABLE_TEXT}` };
  if (parsed.success) return { ok: true, value: parsed.data };
  const details = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
  return { ok: false, error: `invalid request body: ${details.join("; ")}` };
}
