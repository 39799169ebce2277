import type { Job, JobLease, LeaseRequest } from "../../jobs/job.ts";
import { JobWakeup } from "../../jobs/job-wakeup.ts";
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

  readonly #wakeup = new JobWakeup();

  constructor(ctx: SqlContext) {
    // The storage's own statements commit one by one: a due job is committed once enqueue returns.
    const hook = { committed: () => {} };
    super({ ...ctx, onJobDue: () => hook.committed() });
    hook.committed = () => this.jobsCommitted();
  }

  /**
   * An arrow property rather than a method, so a wrapper made with `Object.create(storage)` (as
   * tests make to count calls) still reaches this storage's listeners.
   */
  readonly onJobsDue = (listener: () => void): (() => void) => {
    const unsubscribe = this.#wakeup.subscribe(listener);
    this.jobListenersChanged(this.#wakeup.size);
    return () => {
      unsubscribe();
      this.jobListenersChanged(this.#wakeup.size);
    };
  };

  /**
   * A due job was committed by this process: wake its workers. The backends call it after the
   * commit of a transaction that enqueued; PostgreSQL also announces it to the other instances.
   */
  protected jobsCommitted(): void {
    this.#wakeup.wake();
  }

  /** Another instance committed a due job (PostgreSQL): wake this process's workers only. */
  protected jobsAnnounced(): void {
    this.#wakeup.wake();
  }

  /** How many workers listen now; PostgreSQL listens to the other instances while any does. */
  protected jobListenersChanged(_count: number): void {}

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
