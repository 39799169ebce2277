import { constantTimeEqual } from "@alma-suite/core";
import { JOB_STATES, type Storage } from "@alma-suite/core/storage";
import express, { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";

const listQuery = z.object({
  state: z.enum(JOB_STATES).optional(),
  type: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const ROUTES = [
  "GET /admin/api/jobs?state=&type=&limit=",
  "POST /admin/api/jobs/:id/retry",
  "DELETE /admin/api/jobs/dead",
  "GET /admin/api/tenants",
];

/**
 * The operator API behind `Authorization: Bearer <ADMIN_TOKEN>`: what the CLI shows, over
 * HTTP, for dashboards and scripts. Read-mostly; it never returns a secret.
 */
export function adminApi(options: { storage: Storage; adminToken: string }): Router {
  const router = Router();
  router.use(express.json({ limit: "16kb" }));
  // The API's front door answers without the token: what is here and how to authenticate.
  router.get("/", (_req, res) => {
    res.json({
      name: "alma-suite operator API",
      auth: "Authorization: Bearer <operator token> (the server prints where to read it at start)",
      routes: ROUTES,
    });
  });
  router.use((req: Request, res: Response, next: NextFunction) => {
    const header = req.get("authorization") ?? "";
    const token = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (!token || !constantTimeEqual(token, options.adminToken)) {
      res.status(401).json({ error: "missing or wrong admin token (Authorization: Bearer …)" });
      return;
    }
    next();
  });

  router.get("/jobs", async (req, res) => {
    const query = listQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: "invalid query", issues: query.error.issues.map((i) => i.message) });
      return;
    }
    const [jobs, counts] = await Promise.all([
      options.storage.listJobs(query.data),
      options.storage.countJobsByState(),
    ]);
    res.json({ counts, jobs });
  });
  router.post("/jobs/:id/retry", async (req, res) => {
    const job = await options.storage.retryJob(req.params.id ?? "");
    if (!job) {
      res.status(404).json({ error: "no failed or dead job with that id" });
      return;
    }
    res.json({ job });
  });
  router.delete("/jobs/dead", async (_req, res) => {
    res.json({ purged: await options.storage.purgeDead() });
  });
  router.get("/tenants", async (_req, res) => {
    res.json({ tenants: await options.storage.listTenants() });
  });
  return router;
}
