import { constantTimeEqual, readBody } from "@alma-suite/core";
import type { CheckPaymentPayload, PaymentCheckReport } from "@alma-suite/core/flows";
import { JOB_STATES, type Storage } from "@alma-suite/core/storage";
import { type NextFunction, type Request, type Response, Router } from "express";
import { z } from "zod";

const watchQuery = z.object({
  /** Only checks due by then (epoch ms); every watched payment without it. */
  dueBy: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const listQuery = z.object({
  state: z.enum(JOB_STATES).optional(),
  type: z.string().max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const ROUTES = [
  "GET /admin/api/jobs?state=&type=&limit=",
  "POST /admin/api/jobs/:id/retry",
  "DELETE /admin/api/jobs/dead",
  "GET /admin/api/payment-checks?dueBy=&limit=",
  "POST /admin/api/tenants/:tenantId/payments/:paymentId/check",
  "GET /admin/api/tenants",
];

/**
 * The operator API behind `Authorization: Bearer <ADMIN_TOKEN>`: what the CLI shows, over
 * HTTP, for dashboards and scripts. Read-mostly; it never returns a secret.
 */
export function adminApi(options: {
  storage: Storage;
  adminToken: string;
  /** One check of a payment at Alma, now (the payment watch's, see core's payment-watch.ts). */
  checkPayment: (input: CheckPaymentPayload) => Promise<PaymentCheckReport | null>;
}): Router {
  const router = Router();
  router.use(readBody({ types: ["application/json"], limitBytes: 16 * 1024, as: "json" }));
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
  // The payment watch: which open payments are checked at Alma next, and a check forced now.
  router.get("/payment-checks", async (req, res) => {
    const query = watchQuery.safeParse(req.query);
    if (!query.success) {
      res.status(400).json({ error: "invalid query", issues: query.error.issues.map((i) => i.message) });
      return;
    }
    const links = await options.storage.listDuePaymentChecks(
      query.data.dueBy ?? Number.MAX_SAFE_INTEGER,
      query.data.limit,
    );
    res.json({
      checks: links.map((link) => ({
        tenantId: link.tenantId,
        paymentId: link.id,
        almaPaymentId: link.almaPaymentId,
        almaMode: link.almaMode,
        state: link.state,
        nextCheckAt: link.nextCheckAt,
        checkAttempts: link.checkAttempts,
      })),
    });
  });
  router.post("/tenants/:tenantId/payments/:paymentId/check", async (req, res) => {
    const report = await options.checkPayment({
      tenantId: req.params.tenantId ?? "",
      paymentLinkId: req.params.paymentId ?? "",
    });
    if (!report) {
      res.status(404).json({ error: "no payment with that id for that tenant" });
      return;
    }
    res.json({ check: report });
  });
  router.get("/tenants", async (_req, res) => {
    res.json({ tenants: await options.storage.listTenants() });
  });
  return router;
}
