import {
  JOB_STATES,
  type JobList,
  type JobRetryAnswer,
  jobsQuerySchema,
} from "@alma-suite/core/dashboard-api";
import { Router } from "express";
import { type DashboardContext, refuse, tenantOf } from "./dashboard-context.ts";
import { jobRow } from "./dashboard-views.ts";

/** A tenant's jobs (filed under it at enqueue) and the retry button. */
export function jobRoutes(ctx: DashboardContext): Router {
  const router = Router();
  router.get("/tenants/:tenantId/jobs", async (req, res) => {
    const query = jobsQuerySchema.safeParse(req.query);
    if (!query.success)
      return refuse(ctx, res, 400, `state must be one of ${JOB_STATES.join(", ")}`, { field: "state" });
    const tenantId = tenantOf(res).id;
    const [counts, jobs] = await Promise.all([
      ctx.storage.countJobsByState({ tenantId }),
      ctx.storage.listJobs({ tenantId, state: query.data.state, limit: 200 }),
    ]);
    // The payment each job works on, so the list can name the order and link to it.
    const subjects = [...new Set(jobs.map((j) => j.subjectId).filter((id): id is string => id !== null))];
    const links = await Promise.all(subjects.map((id) => ctx.storage.getPaymentLink(tenantId, id)));
    const orderRefs = new Map(links.flatMap((l) => (l ? [[l.id, l.platformOrderRef] as const] : [])));
    res.json({ counts, jobs: jobs.map((job) => jobRow(job, orderRefs)) } satisfies JobList);
  });
  router.post("/tenants/:tenantId/jobs/:jobId/retry", async (req, res) => {
    const tenantId = tenantOf(res).id;
    const job = await ctx.storage.getJob(req.params.jobId);
    // Another tenant's job is answered like a missing one.
    if (job?.tenantId !== tenantId) return refuse(ctx, res, 404, "no failed or dead job with that id");
    const retried = await ctx.storage.retryJob(job.id);
    if (!retried) return refuse(ctx, res, 404, "no failed or dead job with that id");
    ctx.logger.info({ tenantId, jobId: job.id, type: job.type }, "job retried from the dashboard");
    res.json({ job: jobRow(retried) } satisfies JobRetryAnswer);
  });
  return router;
}
