import { Router } from "express";
import type { Metrics } from "../observability/metrics.ts";

export type ReadinessCheck = () => Promise<void>;

/**
 * `/healthz` answers while the process is alive (for restarts); `/readyz` only while it can
 * do its work (for load balancers): the database answers and Alma is reachable. A failing
 * check names itself so an operator sees which dependency is down.
 */
export function healthRoutes(options: {
  metrics: Metrics;
  checks: Record<string, ReadinessCheck>;
  isShuttingDown: () => boolean;
}): Router {
  const router = Router();
  router.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  router.get("/readyz", async (_req, res) => {
    if (options.isShuttingDown()) {
      res.status(503).json({ status: "shutting_down" });
      return;
    }
    const results: Record<string, string> = {};
    let ready = true;
    await Promise.all(
      Object.entries(options.checks).map(async ([name, check]) => {
        try {
          await check();
          results[name] = "ok";
        } catch (error) {
          ready = false;
          results[name] = error instanceof Error ? error.message : String(error);
        }
      }),
    );
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not_ready", checks: results });
  });
  router.get("/metrics", async (_req, res) => {
    res.type(options.metrics.registry.contentType).send(await options.metrics.registry.metrics());
  });
  return router;
}
