/**
 * `failed` means an attempt failed and a retry is scheduled at `runAt`; `dead` means the last allowed
 * attempt failed (or its worker vanished) and only an operator's `retryJob` revives it.
 */
export const JOB_STATES = ["pending", "running", "failed", "done", "dead"] as const;
export type JobState = (typeof JOB_STATES)[number];

export interface Job {
  id: string;
  type: string;
  /** Idempotency key derived from what the job does, e.g. `refund:<platform refund id>`. */
  key: string;
  payload: unknown;
  state: JobState;
  /** Attempts started so far; a lease counts as an attempt when it is taken. */
  attempts: number;
  maxAttempts: number;
  /** Epoch ms when the job is next due. */
  runAt: number;
  leaseUntil: number | null;
  leasedBy: string | null;
  lastError: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
  /** From `payload.tenantId` at enqueue, so a tenant's jobs can be listed without reading payloads. */
  tenantId: string | null;
  /** From `payload.paymentLinkId` at enqueue: the payment the job works on, for its timeline. */
  subjectId: string | null;
}

export interface EnqueueInput {
  type: string;
  key: string;
  /** Must survive JSON.stringify. */
  payload: unknown;
  /** Epoch ms; defaults to now. */
  runAt?: number;
  /** Defaults to 10. */
  maxAttempts?: number;
}

export interface JobListQuery {
  state?: JobState;
  type?: string;
  tenantId?: string;
  subjectId?: string;
  limit?: number;
}

export const DEFAULT_MAX_ATTEMPTS = 10;

/** Enqueueing and operating jobs; available on Storage and inside `storage.transaction`. */
export interface JobQueue {
  /** Idempotent by key: an existing key is left untouched and its job returned, so the work runs once. */
  enqueue(input: EnqueueInput): Promise<Job>;
  getJob(id: string): Promise<Job | null>;
  getJobByKey(key: string): Promise<Job | null>;
  /** Newest first. */
  listJobs(query?: JobListQuery): Promise<Job[]>;
  /** Every job, or one tenant's. */
  countJobsByState(query?: { tenantId?: string }): Promise<Record<JobState, number>>;
  /** A failed or dead job becomes pending now with a fresh attempt budget; null if not failed/dead. */
  retryJob(id: string): Promise<Job | null>;
  /** Deletes dead jobs (freeing their keys) and returns how many. */
  purgeDead(): Promise<number>;
  /**
   * Deletes done jobs that finished before `finishedBefore` (epoch ms) and returns how many. Their
   * keys become free: work enqueued again under such a key runs again (handlers are idempotent).
   */
  purgeDone(finishedBefore: number): Promise<number>;
}

/** Identifies one lease: the worker and the attempt number fence out a worker whose lease expired. */
export interface JobLease {
  id: string;
  workerId: string;
  attempt: number;
}

export interface LeaseRequest {
  workerId: string;
  /** Only job types this worker has handlers for. */
  types: readonly string[];
  limit: number;
  leaseMs: number;
}

/** What a worker needs from storage. Every write is fenced by the lease so a late worker changes nothing. */
export interface JobLeaseStore {
  leaseJobs(request: LeaseRequest): Promise<Job[]>;
  completeJob(lease: JobLease): Promise<boolean>;
  /** `completeJob` for several leases in one statement; returns the ids it completed. */
  completeJobs(leases: readonly JobLease[]): Promise<Set<string>>;
  /**
   * Returns the resulting state, or null when the lease was lost. `permanent` makes the job dead
   * whatever attempts it has left (its handler said retrying cannot help).
   */
  failJob(
    lease: JobLease,
    error: string,
    retryDelayMs: number,
    options?: { permanent?: boolean },
  ): Promise<"failed" | "dead" | null>;
  extendLease(lease: JobLease, leaseMs: number): Promise<boolean>;
  /** Gives back a leased job that was never started, without counting the attempt. */
  releaseJob(lease: JobLease): Promise<boolean>;
  /**
   * Calls `listener` when jobs may have become due: enqueued through this storage (once committed)
   * or, on PostgreSQL, announced by another instance. Returns the unsubscribe function. A hint
   * only: a worker still polls. Absent on stores that cannot tell (test doubles).
   */
  onJobsDue?(listener: () => void): () => void;
}
