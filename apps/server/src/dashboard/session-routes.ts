import { constantTimeEqual } from "@alma-suite/core";
import { type Session, signInBodySchema } from "@alma-suite/core/dashboard-api";
import { Router } from "express";
import { type DashboardContext, refuse } from "./dashboard-context.ts";
import { loginLinkPage } from "./login-link-page.ts";

/**
 * Signing in and out. The operator signs in with the admin token (compared in constant time);
 * merchants arrive through `GET /dashboard/login/<token>` (see `loginRoute`).
 */
export function sessionRoutes(ctx: DashboardContext, adminToken: string): Router {
  const router = Router();
  router.get("/session", (req, res) => {
    const session = ctx.sessions.read(req);
    if (!session) return refuse(ctx, res, 401, "not signed in");
    res.json({ role: session.role, tenantId: session.tenantId } satisfies Session);
  });
  router.post("/session", (req, res) => {
    const body = signInBodySchema.safeParse(req.body);
    if (!body.success) return refuse(ctx, res, 400, "give the admin token", { field: "token" });
    if (!constantTimeEqual(body.data.token, adminToken)) return refuse(ctx, res, 401, "wrong admin token");
    ctx.sessions.issue(res, { role: "operator", tenantId: null });
    ctx.logger.info({ role: "operator" }, "dashboard sign-in");
    res.json({ role: "operator", tenantId: null } satisfies Session);
  });
  router.delete("/session", (_req, res) => {
    ctx.sessions.clear(res);
    res.status(204).end();
  });
  return router;
}

/** `GET /dashboard/login/:token`: a merchant's single-use login link becomes a session. */
export function loginRoute(ctx: DashboardContext): Router {
  const router = Router();
  router.get("/login/:token", async (req, res) => {
    const redeemed = await ctx.links.redeem(req.params.token);
    if (!redeemed.ok) {
      // A person followed the link from an e-mail or chat: their browser asks for HTML and gets a page
      // in their language (French unless it prefers English). Any other client keeps the API's JSON.
      const browser =
        /\btext\/html\b/i.test(req.get("accept") ?? "") && req.accepts(["html", "json"]) === "html";
      if (!browser) return refuse(ctx, res, redeemed.status, redeemed.error, { reason: redeemed.reason });
      ctx.logger.warn(
        { status: redeemed.status, error: redeemed.error, path: req.path, reason: redeemed.reason },
        "dashboard request refused",
      );
      const language = req.acceptsLanguages("fr", "en") || "fr";
      res
        .status(redeemed.status)
        .set("Cache-Control", "no-store")
        .type("html")
        .send(loginLinkPage(redeemed.reason, language));
      return;
    }
    ctx.sessions.issue(res, { role: "merchant", tenantId: redeemed.tenantId });
    ctx.logger.info({ role: "merchant", tenantId: redeemed.tenantId }, "dashboard sign-in by login link");
    res.redirect(303, "/dashboard/");
  });
  return router;
}
