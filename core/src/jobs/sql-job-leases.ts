import { text } from "../storage/sql/row-reader.ts";
import type { SqlContext } from "../storage/sql/sql-executor.ts";
import { placeholders } from "../storage/sql/sql-executor.ts";
import type { Job, JobLease, LeaseRequest } from "./job.ts";
import { toJob } from "./sql-job-queue.ts";

/**
 * The two kinds of leasable job, each matched by its own partial index (`jobs_due`, `jobs_leased`):
 * due ones, and running ones whose lease expired (their worker died). Written as two queries rather
 * than one OR, which PostgreSQL can only answer by scanning and sorting every job on each lease.
 */
const DUE = "state IN ('pending', 'failed') AND run_at <= $1";
const EXPIRED = "state = 'running' AND lease_until < $1 AND attempts < max_attempts";

/**
 * Leases up to `limit` due jobs, oldest first. On SQLite the caller runs this inside BEGIN IMMEDIATE; on
 * PostgreSQL the SKIP LOCKED sub-selects let concurrent workers take disjoint batches without waiting on
 * each other, and burying abandoned final attempts rides in the same statement (one round trip).
 */
export async function leaseJobs(ctx: SqlContext, request: LeaseRequest): Promise<Job[]> {
  if (request.types.length === 0 || request.limit < 1) return [];
  const now = ctx.now();
  const params = [now, request.limit, now + request.leaseMs, request.workerId, ...request.types];
  const typeFilter = `type IN (${placeholders(request.types.length, 4)})`;
  const assign = `state = 'running', attempts = jobs.attempts + 1, lease_until = $3, leased_by = $4, updated_at = $1`;
  const pick = (where: string, locking: string) =>
    `SELECT id, run_at FROM jobs WHERE ${where} AND ${typeFilter} ORDER BY run_at, id LIMIT $2 ${locking}`;
  if (ctx.exec.dialect === "postgres") {
    const rows = await ctx.exec.query(
      `WITH buried AS (${BURY}),
         due AS MATERIALIZED (${pick(DUE, "FOR UPDATE SKIP LOCKED")}),
         expired AS MATERIALIZED (${pick(EXPIRED, "FOR UPDATE SKIP LOCKED")}),
         chosen AS (SELECT id FROM (SELECT * FROM due UNION ALL SELECT * FROM expired) AS c
                    ORDER BY run_at, id LIMIT $2)
       UPDATE jobs SET ${assign} FROM chosen WHERE jobs.id = chosen.id RETURNING jobs.*`,
      params,
    );
    return rows.map(toJob).sort(byRunAt);
  }
  await ctx.exec.execute(BURY, [now]);
  const rows = await ctx.exec.query(
    `UPDATE jobs SET ${assign}
     WHERE id IN (SELECT id FROM (SELECT * FROM (${pick(DUE, "")}) UNION ALL SELECT * FROM (${pick(EXPIRED, "")}))
                  ORDER BY run_at, id LIMIT $2)
     RETURNING *`,
    params,
  );
  return rows.map(toJob).sort(byRunAt);
}

const byRunAt = (a: Job, b: Job) => a.runAt - b.runAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * A job whose worker vanished during its last allowed attempt is dead rather than retried forever: a
 * payload that crashes the process would otherwise take every worker down in turn.
 */
const BURY = `UPDATE jobs SET state = 'dead', lease_until = NULL, finished_at = $1, updated_at = $1,
       last_error = 'lease expired during the final attempt (worker crashed or hung)'
     WHERE state = 'running' AND lease_until < $1 AND attempts >= max_attempts`;

/** Every write below is fenced by (worker, attempt) so a worker whose lease was taken over changes nothing. */
const FENCE = "id = $1 AND leased_by = $2 AND attempts = $3 AND state = 'running'";

export async function completeJob(ctx: SqlContext, lease: JobLease): Promise<boolean> {
  const changed = await ctx.exec.execute(
    `UPDATE jobs SET state = 'done', lease_until = NULL, finished_at = $4, updated_at = $4 WHERE ${FENCE}`,
    [lease.id, lease.workerId, lease.attempt, ctx.now()],
  );
  return changed === 1;
}

export async function completeJobs(ctx: SqlContext, leases: readonly JobLease[]): Promise<Set<string>> {
  if (leases.length === 0) return new Set();
  // The same fence as completeJob, once per lease. The statement's text depends only on how many
  // leases it carries (at most a worker's concurrency), so each size is prepared once.
  const params: (string | number)[] = [ctx.now()];
  const fences = leases.map((lease) => {
    params.push(lease.id, lease.workerId, lease.attempt);
    const n = params.length;
    return `(id = $${n - 2} AND leased_by = $${n - 1} AND attempts = $${n})`;
  });
  const rows = await ctx.exec.query(
    `UPDATE jobs SET state = 'done', lease_until = NULL, finished_at = $1, updated_at = $1
     WHERE state = 'running' AND (${fences.join(" OR ")})
     RETURNING id`,
    params,
  );
  return new Set(rows.map((row) => text(row, "id")));
}

export async function failJob(
  ctx: SqlContext,
  lease: JobLease,
  error: string,
  retryDelayMs: number,
  options: { permanent?: boolean } = {},
): Promise<"failed" | "dead" | null> {
  const now = ctx.now();
  // A permanent failure is dead now, as if this were its last attempt.
  const last = options.permanent ? "TRUE" : "attempts >= max_attempts";
  const rows = await ctx.exec.query(
    `UPDATE jobs SET
       state = CASE WHEN ${last} THEN 'dead' ELSE 'failed' END,
       finished_at = CASE WHEN ${last} THEN CAST($4 AS BIGINT) ELSE NULL END,
       run_at = $5, last_error = $6, lease_until = NULL, updated_at = $4
     WHERE ${FENCE}
     RETURNING state`,
    [lease.id, lease.workerId, lease.attempt, now, now + Math.max(0, Math.round(retryDelayMs)), error],
  );
  const state = rows[0]?.state;
  return state === "failed" || state === "dead" ? state : null;
}

export async function extendLease(ctx: SqlContext, lease: JobLease, leaseMs: number): Promise<boolean> {
  const now = ctx.now();
  const changed = await ctx.exec.execute(`UPDATE jobs SET lease_until = $4, updated_at = $5 WHERE ${FENCE}`, [
    lease.id,
    lease.workerId,
    lease.attempt,
    now + leaseMs,
    now,
  ]);
  return changed === 1;
}

export async function releaseJob(ctx: SqlContext, lease: JobLease): Promise<boolean> {
  const changed = await ctx.exec.execute(
    `UPDATE jobs SET state = CASE WHEN attempts > 1 THEN 'failed' ELSE 'pending' END,
       attempts = attempts - 1, lease_until = NULL, leased_by = NULL, updated_at = $4
     WHERE ${FENCE}`,
    [lease.id, lease.workerId, lease.attempt, ctx.now()],
  );
  return changed === 1;
}
