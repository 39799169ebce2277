import type { PluginLogger } from "@alma-suite/core";
import type { Storage } from "@alma-suite/core/storage";
import {
  BotActivityDetected,
  CookieNotFound,
  HttpResponseError,
  HttpRetriableError,
  InvalidHmacError,
  InvalidOAuthError,
  InvalidShopError,
  type Shopify,
} from "@shopify/shopify-api";
import { Router } from "express";
import { refuse } from "../http/shopify-request.ts";
import { completeInstall } from "./complete-install.ts";
import type { SessionCookies } from "./session-cookie.ts";

export const CALLBACK_PATH = "/shopify/auth/callback";

/** The library's errors that mean a bad or replayed callback request rather than Shopify failing. */
const REQUEST_ERRORS = [
  InvalidOAuthError,
  CookieNotFound,
  InvalidHmacError,
  BotActivityDetected,
  InvalidShopError,
];

/**
 * Shopify's token endpoint refused the code itself (4xx other than 429): a replayed callback, whose
 * code was already exchanged, or one that expired. Returns what Shopify said, for the log.
 */
function refusedCode(error: unknown): string | undefined {
  if (!(error instanceof HttpResponseError) || error instanceof HttpRetriableError) return undefined;
  const { code, body } = error.response;
  if (!(code >= 400 && code < 500)) return undefined;
  const answer = body as { error?: unknown; error_description?: unknown } | undefined;
  return (
    [answer?.error, answer?.error_description].filter((v) => typeof v === "string").join(": ") || String(code)
  );
}

/** Query of a request Shopify signed (install link, admin launch), as flat strings. */
export function flatQuery(query: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
}

/**
 * OAuth authorization-code install (non-embedded payments apps cannot use token exchange):
 * `GET /auth` checks Shopify's HMAC on the install request, then the library sets a signed state
 * cookie and redirects to the grant screen; `GET /auth/callback` has the library check HMAC and
 * state and exchange the code for an offline token, which is stored encrypted.
 */
export function authRoutes(deps: {
  shopify: Shopify;
  storage: Storage;
  cookies: SessionCookies;
  expiringTokens: boolean;
  now: () => number;
  logger: PluginLogger;
}): Router {
  const router = Router();
  router.get("/auth", async (req, res) => {
    const query = flatQuery(req.query);
    const shop = deps.shopify.utils.sanitizeShop(query.shop ?? "");
    if (!shop) return refuse(res, deps.logger, 400, "missing or invalid shop", { route: "auth" });
    const signed = await deps.shopify.utils.validateHmac(query).catch(() => false);
    if (!signed)
      return refuse(res, deps.logger, 400, "the install request is not signed by Shopify", {
        route: "auth",
        shop,
      });
    await deps.shopify.auth.begin({
      shop,
      callbackPath: CALLBACK_PATH,
      isOnline: false,
      rawRequest: req,
      rawResponse: res,
    });
  });
  router.get("/auth/callback", async (req, res) => {
    let session: Awaited<ReturnType<Shopify["auth"]["callback"]>>["session"];
    try {
      ({ session } = await deps.shopify.auth.callback({
        rawRequest: req,
        rawResponse: res,
        expiring: deps.expiringTokens,
      }));
    } catch (error) {
      const reason = error instanceof Error ? `${error.constructor.name}: ${error.message}` : String(error);
      if (refusedCode(error))
        return refuse(
          res,
          deps.logger,
          400,
          "this installation link was already used or has expired: open the app again from your Shopify admin",
          { route: "auth/callback", reason, shopifyAnswer: refusedCode(error) },
        );
      const ours = REQUEST_ERRORS.some((type) => error instanceof type);
      return ours
        ? refuse(res, deps.logger, 400, "the OAuth callback could not be verified", {
            route: "auth/callback",
            reason,
          })
        : refuse(res, deps.logger, 502, "Shopify did not complete the installation, retry", {
            route: "auth/callback",
            reason,
          });
    }
    const tenant = await completeInstall(deps, session);
    deps.cookies.issue(res, { tenantId: tenant.id, shop: tenant.externalId });
    res.redirect(303, "/shopify/settings/");
  });
  return router;
}
