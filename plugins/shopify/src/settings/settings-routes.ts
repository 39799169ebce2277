import { join } from "node:path";
import { readBody } from "@alma-suite/core";
import type { Shopify } from "@shopify/shopify-api";
import express, { type Request, type Response, Router } from "express";
import { flatQuery } from "../auth/auth-routes.ts";
import type { SessionCookies } from "../auth/session-cookie.ts";
import { parseBody, refuse } from "../http/shopify-request.ts";
import { tokenIsDead } from "../tenants/access-token.ts";
import { readShopSettings } from "../tenants/shop-settings.ts";
import { findActiveShop } from "../tenants/shop-tenant.ts";
import { TOKEN_SECRET } from "../tenants/shop-tokens.ts";
import { findAdminDist } from "./admin-dist.ts";
import { saveAlmaKey } from "./save-alma-key.ts";
import { saveSettings } from "./save-settings.ts";
import { keyBodySchema as keyBody, saveBodySchema as saveBody } from "./settings-api-schemas.ts";
import type { ApiResult, SettingsDeps } from "./settings-deps.ts";
import { settingsState } from "./settings-state.ts";

/**
 * The settings page (Polaris app built in apps/admin) and its JSON API. Opening the app from
 * Shopify's admin arrives with a signed query: verified, it starts the session cookie (or the
 * install when the shop has no token); the API then trusts only that cookie.
 */
export function settingsRoutes(
  deps: SettingsDeps & {
    shopify: Shopify;
    cookies: SessionCookies;
    publicUrl: string;
    adminDist: string | undefined;
  },
): Router {
  // Strict: `/settings` (the admin launch, redirects) and `/settings/` (the page) are different.
  const router = Router({ strict: true });
  const dist = findAdminDist(deps.adminDist);
  const origin = new URL(deps.publicUrl).origin;

  router.get("/settings", async (req, res) => {
    const query = flatQuery(req.query);
    const page = settingsPage(query.locale);
    if (!query.hmac) return res.redirect(303, page);
    const signed = await deps.shopify.utils.validateHmac(query).catch(() => false);
    const shop = deps.shopify.utils.sanitizeShop(query.shop ?? "");
    if (!signed || !shop)
      return refuse(res, deps.logger, 400, "this link is not signed by Shopify", { route: "settings" });
    const tenant = await findActiveShop(deps.storage, shop);
    const token = tenant ? await deps.storage.getSecret(tenant.id, TOKEN_SECRET) : null;
    // No token, or one that can neither be used nor refreshed: OAuth again gives a new one.
    if (!tenant || !token || tokenIsDead(readShopSettings(tenant.settings), deps.now()))
      return res.redirect(303, `/shopify/auth?${new URLSearchParams(query).toString()}`);
    deps.cookies.issue(res, { tenantId: tenant.id, shop });
    res.redirect(303, page);
  });

  if (dist) {
    router.use(
      "/settings/assets",
      express.static(join(dist, "assets"), { immutable: true, maxAge: "365d", index: false }),
    );
    router.get("/settings/", (_req, res) => {
      res.set("Cache-Control", "no-store").sendFile(join(dist, "index.html"));
    });
  } else {
    router.get("/settings/", (_req, res) => {
      res.status(503).json({ error: "the settings page is not built: npm run build -w @alma-suite/admin" });
    });
  }

  const api = Router();
  api.use(readBody({ types: ["application/json"], limitBytes: 16 * 1024, as: "json" }));
  api.use((req, res, next) => {
    // SameSite=Lax already keeps the cookie off cross-site POSTs; a foreign Origin is refused too.
    const from = req.get("origin");
    if (req.method !== "GET" && from && from !== origin)
      return refuse(res, deps.logger, 403, "cross-site request refused");
    next();
  });
  const authed = (req: Request, res: Response) => {
    const session = deps.cookies.read(req);
    if (!session)
      refuse(res, deps.logger, 401, "open the app from your Shopify admin to sign in", {
        route: "settings/api",
      });
    return session;
  };
  const reply = <T>(res: Response, result: ApiResult<T>) => {
    if (result.ok) return res.json(result.value);
    refuse(res, deps.logger, result.status, result.error, { route: "settings/api" });
  };
  api.get("/state", async (req, res) => {
    const session = authed(req, res);
    if (session) reply(res, await settingsState(deps, session.tenantId));
  });
  api.get("/data-requests/:id", async (req, res) => {
    const session = authed(req, res);
    if (!session) return;
    const tenant = await deps.storage.getTenant(session.tenantId);
    const found =
      tenant && readShopSettings(tenant.settings).dataRequests.find((d) => d.id === req.params.id);
    if (!found)
      return refuse(res, deps.logger, 404, "no such data request", { route: "settings/api/data-requests" });
    res
      .set(
        "Content-Disposition",
        `attachment; filename="data-request-${found.id.replace(/[^\w-]/g, "")}.json"`,
      )
      .set("Cache-Control", "no-store")
      .json(found);
  });
  api.post("/alma-key", async (req, res) => {
    const session = authed(req, res);
    if (!session) return;
    const body = parseBody(keyBody, req.body);
    if (!body.ok) return refuse(res, deps.logger, 400, body.error);
    reply(res, await saveAlmaKey(deps, session.tenantId, body.value));
  });
  api.post("/save", async (req, res) => {
    const session = authed(req, res);
    if (!session) return;
    const body = parseBody(saveBody, req.body);
    if (!body.ok) return refuse(res, deps.logger, 400, body.error);
    const result = await saveSettings(deps, session.tenantId, body.value);
    if (!result.ok && result.details) {
      deps.logger.warn({ route: "settings/api/save", details: result.details }, result.error);
      return res.status(result.status).json({ error: result.error, details: result.details });
    }
    reply(res, result);
  });
  router.use("/settings/api", api);
  return router;
}

/**
 * The settings page's address, keeping the admin's `locale` (Shopify passes it when it opens the
 * app) so the page speaks the merchant's language; anything that is not a language tag is dropped.
 */
export function settingsPage(locale: string | undefined): string {
  return locale && /^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$/.test(locale)
    ? `/shopify/settings/?locale=${encodeURIComponent(locale)}`
    : "/shopify/settings/";
}
