import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import express, { Router } from "express";

/** The workspace's admin build, where `npm run build -w @alma-suite/admin` writes dashboard.html. */
export const WORKSPACE_ADMIN_DIST = fileURLToPath(new URL("../../../admin/dist", import.meta.url));

/**
 * The dashboard's page and assets. Looked up at each request, so building the admin app while
 * the server runs is enough; until then the page says how to build it.
 */
export function dashboardPage(dist: string = WORKSPACE_ADMIN_DIST): Router {
  const router = Router();
  router.use(
    "/assets",
    express.static(join(dist, "assets"), { immutable: true, maxAge: "365d", index: false }),
  );
  router.get("/", (req, res) => {
    // Relative asset URLs need the trailing slash.
    if (!req.originalUrl.split("?")[0]?.endsWith("/")) return res.redirect(301, "/dashboard/");
    const page = join(dist, "dashboard.html");
    if (!existsSync(page)) {
      res.status(503).json({ error: "dashboard not built: npm run build -w @alma-suite/admin" });
      return;
    }
    res.set("Cache-Control", "no-store").sendFile(page);
  });
  return router;
}
