/**
 * Why our own queue rather than pg-boss: the same interface must run on the embedded SQLite default and
 * on PostgreSQL, and a job must be written in the same transaction as the state change that causes it
 * (pg-boss uses its own connections and schema, so it can do neither). On PostgreSQL the leasing query
 * is the established `FOR UPDATE SKIP LOCKED` pattern, so several instances share work without
 * double execution; the whole queue is one table and a few statements.
 */
import { newId } from "../storage/ids.ts";
import { deleteInBatches } from "../storage/sql/delete-in-batches.ts";
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
    tenantId: textOrNull(row, "tenant_id"),
    subjectId: textOrNull(row, "subject_id"),
  };
}

export async function enqueue(ctx: SqlContext, input: EnqueueInput): Promise<Job> {
  const maxAttempts = input.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) throw new RangeError("maxAttempts must be >= 1");
  if (input.key === "") throw new RangeError("a job needs a key");
  const payload = JSON.stringify(input.payload);
  if (payload === undefined) throw new TypeError("job payload is not JSON-serialisable");
  const now = ctx.now();
  const job: Job = {
    id: newId("job"),
    type: input.type,
    key: input.key,
    // As a read of the row would give it back: what JSON keeps of the payload, not the caller's object.
    payload: JSON.parse(payload),
    state: "pending",
    attempts: 0,
    maxAttempts,
    runAt: Math.trunc(input.runAt ?? now),
    leaseUntil: null,
    leasedBy: null,
    lastError: null,
    createdAt: now,
    updatedAt: now,
    finishedAt: null,
    tenantId: payloadText(input.payload, "tenantId"),
    subjectId: payloadText(input.payload, "paymentLinkId"),
  };
  // No RETURNING: the new row holds exactly what is written here, so the job is answered from these
  // values; reading the row back cost a notification's intake more than the insert's own indexes.
  const inserted = await ctx.exec.execute(
    `INSERT INTO jobs (id, type, key, payload, state, attempts, max_attempts, run_at, created_at, updated_at,
       tenant_id, subject_id)
     VALUES ($1, $2, $3, $4, 'pending', 0, $5, $6, $7, $7, $8, $9)
     ON CONFLICT (key) DO NOTHING`,
    [job.id, job.type, job.key, payload, maxAttempts, job.runAt, now, job.tenantId, job.subjectId],
  );
  if (inserted > 0) return job;
  const existing = await getJobByKey(ctx, input.key);
  if (!existing) throw new Error(`job ${input.key} conflicted but was not found`);
  return existing;
}

/** A string field of an object payload, or null: every job type names its tenant the same way. */
function payloadText(payload: unknown, field: string): string | null {
  if (typeof payload !== "object" || payload === null) return null;
  const value = (payload as Record<string, unknown>)[field];
  return typeof value === "string" && value !== "" ? value : null;
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
       AND (CAST($4 AS TEXT) IS NULL OR tenant_id = $4) AND (CAST($5 AS TEXT) IS NULL OR subject_id = $5)
     ORDER BY created_at DESC, id DESC LIMIT $3`,
    [
      query.state ?? null,
      query.type ?? null,
      clampLimit(query.limit),
      query.tenantId ?? null,
      query.subjectId ?? null,
    ],
  );
  return rows.map(toJob);
}

export async function countJobsByState(
  ctx: SqlContext,
  query: { tenantId?: string } = {},
): Promise<Record<JobState, number>> {
  const counts: Record<JobState, number> = { pending: 0, running: 0, failed: 0, done: 0, dead: 0 };
  const rows = await ctx.exec.query(
    "SELECT state, COUNT(*) AS n FROM jobs WHERE (CAST($1 AS TEXT) IS NULL OR tenant_id = $1) GROUP BY state",
    [query.tenantId ?? null],
  );
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

/** Deletes done jobs that finished before `finishedBefore` (epoch ms), a batch at a time; returns how many. */
export function purgeDone(ctx: SqlContext, finishedBefore: number): Promise<number> {
  return deleteInBatches(
    ctx,
    "DELETE FROM jobs WHERE id IN (SELECT id FROM jobs WHERE state = 'done' AND finished_at < $1 LIMIT $2)",
    finishedBefore,
  );
}
