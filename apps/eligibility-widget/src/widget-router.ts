import { readFileSync } from "node:fs";
import { Router as createRouter, type Router } from "express";
import { BUILT_WIDGET, bundleWidget } from "./bundle-widget.ts";

/**
 * Mounted at `/widget`: `GET /alma-eligibility.js`, the script built from the TypeScript source
 * at install (never committed, so it cannot drift from the tested formatting module). Where it
 * was not built (a checkout without `npm install`'s scripts) it is bundled once, at first request.
 */
export function widgetRouter(builtFile = BUILT_WIDGET): Router {
  const router = createRouter();
  let bundle: Promise<string> | undefined;
  const load = async () => {
    try {
      return readFileSync(builtFile, "utf8");
    } catch {
      return bundleWidget();
    }
  };
  router.get("/alma-eligibility.js", async (_req, res, next) => {
    try {
      bundle ??= load();
      const code = await bundle;
      res
        .type("application/javascript; charset=utf-8")
        .set("cache-control", "public, max-age=300")
        .set("cross-origin-resource-policy", "cross-origin")
        .send(code);
    } catch (error) {
      bundle = undefined;
      next(error);
    }
  });
  return router;
}
