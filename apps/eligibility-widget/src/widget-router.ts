import { readFileSync } from "node:fs";
import { Router as createRouter, type Router } from "express";
import { BUILT_WIDGET } from "./built-widget.ts";

/** What a request for the script is answered when it was never built. */
export const NOT_BUILT = "eligibility widget not built: npm run build -w @alma-suite/eligibility-widget";

/**
 * Mounted at `/widget`: `GET /alma-eligibility.js`, the script built from the TypeScript source
 * at install (never committed, so it cannot drift from the tested formatting module). It is read
 * once, at the first request that finds it; until it is built, requests get a 503 saying how.
 */
export function widgetRouter(builtFile = BUILT_WIDGET): Router {
  const router = createRouter();
  let code: string | undefined;
  router.get("/alma-eligibility.js", (_req, res) => {
    try {
      code ??= readFileSync(builtFile, "utf8");
    } catch {
      return void res.status(503).json({ error: NOT_BUILT });
    }
    res
      .type("application/javascript; charset=utf-8")
      .set("cache-control", "public, max-age=300")
      .set("cross-origin-resource-policy", "cross-origin")
      .send(code);
  });
  return router;
}
