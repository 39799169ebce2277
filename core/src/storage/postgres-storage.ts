import type { Pool, PoolClient } from "pg";
import { loadPg } from "./load-pg.ts";
import { applyMigrations } from "./migrations/apply-migrations.ts";
import type { MigrationReport } from "./migrations/migration.ts";
import { postgresMigrations } from "./migrations/postgres-migrations.ts";
import { PostgresExecutor, pgTypeOverrides } from "./postgres-executor.ts";
import { PostgresJobChannel } from "./postgres-job-channel.ts";
import { PostgresRateWindows } from "./postgres-rate-windows.ts";
import type { SecretBox } from "./secret-box.ts";
import type { SqlContext } from "./sql/sql-executor.ts";
import { SqlStorage } from "./sql/sql-storage.ts";
import { SqlStorageHandle } from "./sql/sql-storage-handle.ts";
import type { MigrateOptions } from "./storage.ts";
import { classifyStorageError } from "./storage-unavailable-error.ts";

export interface PostgresStorageOptions {
  connectionString: string;
  secretBox: SecretBox;
  /** Schema holding the tables (created by `migrate`); lets tests and tenants of a cluster stay apart. */
  schema?: string;
  poolSize?: number;
  clock?: () => number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** The production backend: a pg pool; several server instances may share one database. */
export class PostgresStorage extends SqlStorage {
  readonly dialect = "postgres" as const;
  readonly schema: string;
  readonly #pool: Pool;
  readonly rateWindows: PostgresRateWindows;
  readonly #jobChannel: PostgresJobChannel;
  #closed = false;

  constructor(options: PostgresStorageOptions) {
    const schema = options.schema ?? "public";
    if (!SCHEMA_NAME.test(schema)) throw new RangeError(`invalid schema name ${schema}`);
    const pool = new (loadPg().Pool)({
      connectionString: options.connectionString,
      max: options.poolSize ?? 10,
      types: pgTypeOverrides(),
      // A database that accepts no connection must fail requests in seconds, not hang them.
      connectionTimeoutMillis: 5_000,
      // Every connection resolves unqualified table names in our schema only.
      options: `-c search_path=${schema}`,
    });
    // An idle client losing its connection must not crash the process; the next query reports it.
    pool.on("error", () => {});
    super({ exec: new PostgresExecutor(pool), secretBox: options.secretBox, now: options.clock ?? Date.now });
    this.schema = schema;
    this.#pool = pool;
    this.rateWindows = new PostgresRateWindows(this.ctx.exec);
    this.#jobChannel = new PostgresJobChannel({
      connectionString: options.connectionString,
      schema,
      exec: this.ctx.exec,
      onAnnounced: () => this.jobsAnnounced(),
    });
  }

  protected override jobsCommitted(): void {
    super.jobsCommitted();
    if (!this.#closed) this.#jobChannel.announce();
  }

  /** Listens to the other instances while a worker here waits for jobs; none listening, no connection. */
  protected override jobListenersChanged(count: number): void {
    if (this.#closed) return;
    if (count > 0) this.#jobChannel.listen();
    else void this.#jobChannel.stopListening();
  }

  /** Whether the connection hearing other instances' jobs is up (tests wait for it). */
  get listeningForJobs(): boolean {
    return this.#jobChannel.listening;
  }

  protected override async runInTransaction<T>(
    fn: (tx: SqlStorageHandle, ctx: SqlContext) => Promise<T>,
  ): Promise<T> {
    let jobDue = false;
    const result = await this.#withClientTransaction(async (client) => {
      let open = true;
      const ctx: SqlContext = {
        ...this.ctx,
        exec: new PostgresExecutor(client, () => {
          if (!open) throw new Error("transaction handle used after its transaction ended");
        }),
        onJobDue: () => {
          jobDue = true;
        },
      };
      try {
        return await fn(new SqlStorageHandle(ctx), ctx);
      } finally {
        open = false;
      }
    });
    // After COMMIT: a worker woken earlier would not see the job yet and go back to sleep.
    if (jobDue) this.jobsCommitted();
    return result;
  }

  async #withClientTransaction<T>(fn: (client: PoolClient) => Promise<T>): Promise<T> {
    const client = await this.#pool.connect().catch((error: unknown) => {
      throw classifyStorageError(error);
    });
    let broken: Error | undefined;
    // A connection cut while this client is checked out (the server restarting mid-transaction) is
    // emitted as an 'error' event: unheard, it would crash the process. The next query fails anyway.
    const onError = (error: Error) => {
      broken = error;
    };
    client.on("error", onError);
    try {
      await client.query("BEGIN");
      const result = await fn(client);
      await client.query("COMMIT");
      return result;
    } catch (error) {
      // A failed ROLLBACK means the connection is unusable: drop it instead of returning it to the pool.
      await client.query("ROLLBACK").catch((rollbackError: Error) => {
        broken = rollbackError;
      });
      throw classifyStorageError(error);
    } finally {
      client.off("error", onError);
      client.release(broken);
    }
  }

  async migrate(options: MigrateOptions = {}): Promise<MigrationReport> {
    const report = await this.#withClientTransaction(async (client) => {
      // Held until COMMIT: a second process starting at the same time waits, then finds nothing to do.
      await client.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
        `alma-suite:migrate:${this.schema}`,
      ]);
      // Checked first because CREATE SCHEMA IF NOT EXISTS still demands the CREATE privilege, which an
      // application role on a managed database often lacks for an existing schema such as public.
      const existing = await client.query("SELECT 1 FROM pg_namespace WHERE nspname = $1", [this.schema]);
      if (existing.rowCount === 0) await client.query(`CREATE SCHEMA "${this.schema}"`);
      const exec = new PostgresExecutor(client);
      return applyMigrations(
        exec,
        async (sql) => void (await client.query(sql)),
        postgresMigrations,
        this.ctx.now(),
        { dialect: "postgres", plugins: options.plugins },
      );
    });
    for (const migration of report.applied) options.onApplied?.(migration);
    return report;
  }

  async health(): Promise<void> {
    await this.ctx.exec.query("SELECT 1 AS ok");
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#jobChannel.stopListening();
    await this.#pool.end();
  }
}
