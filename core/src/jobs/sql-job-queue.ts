/**
 * Why our own queue rather than pg-boss: the same interface must run on the embedded SQLite default and
 * on PostgreSQL, and a job must be written in the same transaction as the state change that causes it
 * (pg-boss uses its own connections and schema, so it can do neither). On PostgreSQL the leasing query
 * is the established `FOR UPDATE SKIP LOCKED` pattern, so several instances share work without
 * double execution; the whole queue is one table and a few statements.
 */
import { newId } from "../storage/ids.ts";
import { int, intOrNull, json, oneOf, text, textOrNull } from "../storage/sql/row-reader.ts";
import type { SqlContext, SqlRow } from "../storage/sql/sql-executor.ts";
import { clampLimit } from "../storage/sql/validate.ts";
import {
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueInput,
  JOB_STATES,
  type Job,
  type JobListQuery,
  type JobState,
} from "./job.ts";

export function toJob(row: SqlRow): Job {
  return {
    id: text(row, "id"),
    type: text(row, "type"),
    key: text(row, "key"),
    payload: json(row, "payload"),
    state: oneOf(row, "state", JOB_STATES),
    attempts: int(row, "attempts"),
    maxAttempts: int(row, "max_attempts"),
    runAt: int(row, "run_at"),
    leaseUntil: intOrNull(row, "lease_until"),
    leasedBy: textOrNull(row, "leased_by"),
    lastError: textOrNull(row, "last_error"),
    createdAt: int(row, "created_at"),
    updatedAt: int(row, "updated_at"),
    finishedAt: intOrNull(row, "finished_at"),
  };
}

export async function enqueue(ctx: SqlContext, input: EnqueueInput): Promise<Job> {
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) throw new RangeError("maxAttempts must be >= 1");
  if (input.key === "") throw new RangeError("a job needs a key");
  const payload = JSON.stringify(input.payload);
  if (payload === undefined) throw new TypeError("job payload is not JSON-serialisable");
  const now = ctx.now();
  const rows = await ctx.exec.query(
    `INSERT INTO jobs (id, type, key, payload, state, attempts, max_attempts, run_at, created_at, updated_at)
     VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6, $7, $7)
     ON CONFLICT (key) DO NOTHING
     RETURNING *`,
    [newId("job"), input.type, input.key, payload, maxAttempts, Math.trunc(input.runAt ?? now), now],
  );
  if (rows[0]) return toJob(rows[0]);
  const existing = await getJobByKey(ctx, input.key);
  if (!existing) throw new Error(`job ${input.key} conflicted but was not found`);
  return existing;
}

export async function getJob(ctx: SqlContext, id: string): Promise<Job | null> {
  const rows = await ctx.exec.query("SELECT * FROM jobs WHERE id = $1", [id]);
  return rows[0] ? toJob(rows[0]) : null;
}

export async function getJobByKey(ctx: SqlContext, key: string): Promise<Job | null> {
  const rows = await ctx.exec.query("SELECT * FROM jobs WHERE key = $1", [key]);
  return rows[0] ? toJob(rows[0]) : null;
}

export async function listJobs(ctx: SqlContext, query: JobListQuery = {}): Promise<Job[]> {
  const rows = await ctx.exec.query(
    `SELECT * FROM jobs WHERE (CAST($1 AS TEXT) IS NULL OR state = $1) AND (CAST($2 AS TEXT) IS NULL OR type = $2)
     ORDER BY created_at DESC, id DESC LIMIT $3`,
    [query.state ?? null, query.type ?? null, clampLimit(query.limit)],
  );
  return rows.map(toJob);
}

export async function countJobsByState(ctx: SqlContext): Promise<Record<JobState, number>> {
  const counts: Record<JobState, number> = { pending: 0, running: 0, failed: 0, done: 0, dead: 0 };
  const rows = await ctx.exec.query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state");
  for (const row of rows) counts[oneOf(row, "state", JOB_STATES)] = int(row, "n");
  return counts;
}

export async function retryJob(ctx: SqlContext, id: string): Promise<Job | null> {
  const rows = await ctx.exec.query(
    `UPDATE jobs SET state = 'pending', attempts = 0, run_at = $2, lease_until = NULL, leased_by = NULL,
       finished_at = NULL, updated_at = $2
     WHERE id = $1 AND state IN ('failed', 'dead')
     RETURNING *`,
    [id, ctx.now()],
  );
  return rows[0] ? toJob(rows[0]) : null;
}

export function purgeDead(ctx: SqlContext): Promise<number> {
  return ctx.exec.execute("DELETE FROM jobs WHERE state = 'dead'");
}
