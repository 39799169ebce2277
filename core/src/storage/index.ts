export { type Backoff, exponentialBackoff } from "../jobs/backoff.ts";
export { startHeartbeat } from "../jobs/heartbeat.ts";
export {
  DEFAULT_MAX_ATTEMPTS,
  type EnqueueInput,
  JOB_STATES,
  type Job,
  type JobLease,
  type JobLeaseStore,
  type JobListQuery,
  type JobQueue,
  type JobState,
  type LeaseRequest,
} from "../jobs/job.ts";
export {
  InvalidJobPayloadError,
  isJobDefinition,
  type JobDefinition,
  type JobType,
  jobType,
  type TypedEnqueueInput,
} from "../jobs/job-type.ts";
export {
  type JobContext,
  type JobFinished,
  type JobHandler,
  type JobRunner,
  JobWorker,
  type JobWorkerOptions,
} from "../jobs/job-worker.ts";
export {
  type PeriodicRun,
  type PeriodicTask,
  type PeriodicTaskOptions,
  periodicTask,
} from "../jobs/periodic-task.ts";
export { isPermanentJobError, PermanentJobError } from "../jobs/permanent-job-error.ts";
export { CallBatcher, type CallBatcherOptions } from "./call-batcher.ts";
export { CHECK_DELAYS_MS, firstCheckAt, MAX_WATCH_MS, nextCheckAt } from "./check-schedule.ts";
export { newId } from "./ids.ts";
export { mergePaymentCustom } from "./merge-payment-custom.ts";
export type {
  Migration,
  MigrationReport,
  PluginMigration,
  PluginMigrations,
} from "./migrations/migration.ts";
export { postgresMigrations } from "./migrations/postgres-migrations.ts";
export { sqliteMigrations } from "./migrations/sqlite-migrations.ts";
export { modifyPaymentLink } from "./modify-payment-link.ts";
export { type OpenStorageOptions, openStorage, SQLITE_FILE_NAME } from "./open-storage.ts";
export { PostgresStorage, type PostgresStorageOptions } from "./postgres-storage.ts";
export type { RateWindows } from "./rate-windows.ts";
export * from "./records.ts";
export type { SecretBox } from "./secret-box.ts";
export { int, intOrNull, text, textOrNull } from "./sql/row-reader.ts";
export type { SqlExecutor, SqlRow, SqlValue } from "./sql/sql-executor.ts";
export { sqlExecutorOf } from "./sql-access.ts";
export { SqliteStorage, type SqliteStorageOptions } from "./sqlite-storage.ts";
export type { MigrateOptions, SqlDialect, Storage, StorageOps, StorageTransaction } from "./storage.ts";
export { classifyStorageError, StorageUnavailableError } from "./storage-unavailable-error.ts";
