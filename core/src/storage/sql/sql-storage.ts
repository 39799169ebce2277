import type { Job, JobLease, LeaseRequest } from "../../jobs/job.ts";
import * as leases from "../../jobs/sql-job-leases.ts";
import type { MigrationReport } from "../migrations/migration.ts";
import type { MigrateOptions, SqlDialect, Storage } from "../storage.ts";
import type { SqlContext } from "./sql-executor.ts";
import { SqlStorageHandle } from "./sql-storage-handle.ts";

/** What both backends add to the shared handle: real transactions, migrations, leases, lifecycle. */
export abstract class SqlStorage extends SqlStorageHandle implements Storage {
  abstract readonly dialect: SqlDialect;
  protected abstract override runInTransaction<T>(
    fn: (tx: SqlStorageHandle, ctx: SqlContext) => Promise<T>,
  ): Promise<T>;
  abstract migrate(options?: MigrateOptions): Promise<MigrationReport>;
  abstract health(): Promise<void>;
  abstract close(): Promise<void>;

  /**
   * SQLite: inside BEGIN IMMEDIATE so a second process cannot interleave. PostgreSQL: each statement is
   * atomic on its own and SKIP LOCKED does the rest, so a transaction would only add round trips.
   */
  leaseJobs(request: LeaseRequest): Promise<Job[]> {
    if (this.dialect === "postgres") return leases.leaseJobs(this.ctx, request);
    return this.runInTransaction((_tx, ctx) => leases.leaseJobs(ctx, request));
  }
  completeJob(lease: JobLease): Promise<boolean> {
    return leases.completeJob(this.ctx, lease);
  }
  completeJobs(finished: readonly JobLease[]): Promise<Set<string>> {
    return leases.completeJobs(this.ctx, finished);
  }
  failJob(
    lease: JobLease,
    error: string,
    retryDelayMs: number,
    options?: { permanent?: boolean },
  ): Promise<"failed" | "dead" | null> {
    return leases.failJob(this.ctx, lease, error, retryDelayMs, options);
  }
  extendLease(lease: JobLease, leaseMs: number): Promise<boolean> {
    return leases.extendLease(this.ctx, lease, leaseMs);
  }
  releaseJob(lease: JobLease): Promise<boolean> {
    return leases.releaseJob(this.ctx, lease);
  }
}
