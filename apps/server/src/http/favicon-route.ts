import { Router } from "express";

// Alma's orange "a" on a round badge: small enough to inline, so no asset pipeline is needed.
const ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><circle cx="16" cy="16" r="16" fill="#fa5022"/><text x="16" y="22" font-family="system-ui,sans-serif" font-size="18" font-weight="700" text-anchor="middle" fill="#fff">a</text></svg>`;

/**
 * `/favicon.ico`, which browsers ask for on every page: without it each page view logged a 404
 * warning. Served as SVG, which browsers accept at that path.
 */
export function faviconRoute(): Router {
  const router = Router();
  router.get("/favicon.ico", (_req, res) => {
    res.type("image/svg+xml").set("Cache-Control", "public, max-age=86400").send(ICON);
  });
  return router;
}
