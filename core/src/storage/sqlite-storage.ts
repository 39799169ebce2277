import { DatabaseSync } from "node:sqlite";
import { AsyncMutex } from "./async-mutex.ts";
import { applyMigrations } from "./migrations/apply-migrations.ts";
import type { MigrationReport } from "./migrations/migration.ts";
import { sqliteMigrations } from "./migrations/sqlite-migrations.ts";
import type { SecretBox } from "./secret-box.ts";
import type { SqlContext } from "./sql/sql-executor.ts";
import { SqlStorage } from "./sql/sql-storage.ts";
import { SqlStorageHandle } from "./sql/sql-storage-handle.ts";
import { SqliteExecutor } from "./sqlite-executor.ts";
import type { MigrateOptions } from "./storage.ts";
import { WalCheckpointer } from "./wal-checkpointer.ts";

export interface SqliteStorageOptions {
  /** A file path, or `:memory:`. */
  path: string;
  secretBox: SecretBox;
  /** Epoch-ms clock; injectable for tests. */
  clock?: () => number;
  /** How long a write waits for another process's lock before failing. */
  busyTimeoutMs?: number;
  /**
   * Checkpoint the WAL on a background thread (`WalCheckpointer`) instead of inside commits. The
   * server turns it on; short-lived users (tests, the CLI) need not pay for a thread.
   */
  backgroundCheckpoints?: boolean;
}

/**
 * The embedded backend: one node:sqlite connection per process. Statements and transactions are
 * serialised by an async mutex (in-process) and by SQLite's own write lock with a busy timeout
 * (across processes, e.g. a CLI next to the server).
 */
export class SqliteStorage extends SqlStorage {
  readonly dialect = "sqlite" as const;
  readonly #db: DatabaseSync;
  readonly #mutex: AsyncMutex;
  readonly #tx: { handle: SqlStorageHandle; ctx: SqlContext };
  readonly #checkpointer: WalCheckpointer | undefined;
  /** Whether the transaction now open enqueued a due job (transactions run one at a time). */
  #txJobDue = false;
  #closed = false;

  constructor(options: SqliteStorageOptions) {
    const db = new DatabaseSync(options.path, { timeout: options.busyTimeoutMs ?? 5000 });
    db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;");
    // A 64 MB page cache instead of SQLite's 2 MB: an IPN looks its payment up by Alma's (random)
    // id, and with 200,000 payments the index no longer fit, so most lookups read pages from the
    // OS again, each a system call on every notification. Memory is taken only as
    // pages are read. Memory-mapped I/O did as well, but turns a disk error into a crash.
    db.exec("PRAGMA cache_size = -65536");
    const mutex = new AsyncMutex();
    const now = options.clock ?? Date.now;
    super({ exec: new SqliteExecutor(db, (fn) => mutex.run(fn)), secretBox: options.secretBox, now });
    this.#db = db;
    this.#mutex = mutex;
    const txCtx: SqlContext = {
      exec: new SqliteExecutor(db, async (fn) => {
        // A handle kept past its transaction would write outside it, interleaved with other callers.
        if (!mutex.heldHere) throw new Error("transaction handle used after its transaction ended");
        return fn();
      }),
      secretBox: options.secretBox,
      now,
      onJobDue: () => {
        this.#txJobDue = true;
      },
    };
    this.#tx = { handle: new SqlStorageHandle(txCtx), ctx: txCtx };
    if (options.backgroundCheckpoints && options.path !== ":memory:") {
      // 20,000 pages (80 MB) is a backstop, reached only if the thread falls far behind or stops.
      db.exec("PRAGMA wal_autocheckpoint = 20000");
      this.#checkpointer = new WalCheckpointer(options.path);
    }
  }

  protected override async runInTransaction<T>(
    fn: (tx: SqlStorageHandle, ctx: SqlContext) => Promise<T>,
  ): Promise<T> {
    let jobDue = false;
    const result = await this.#mutex.run(async () => {
      this.#txJobDue = false;
      try {
        return await this.#inTransaction(() => fn(this.#tx.handle, this.#tx.ctx));
      } finally {
        jobDue = this.#txJobDue;
        this.#txJobDue = false;
      }
    });
    // Reached only after COMMIT: a rolled-back transaction threw above and woke nobody.
    if (jobDue) this.jobsCommitted();
    return result;
  }

  /** BEGIN IMMEDIATE takes the write lock up front, so a transaction never fails half-way on a lock upgrade. */
  async #inTransaction<T>(fn: () => Promise<T>): Promise<T> {
    this.#db.exec("BEGIN IMMEDIATE");
    try {
      const result = await fn();
      this.#db.exec("COMMIT");
      return result;
    } catch (error) {
      if (this.#db.isTransaction) this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  async migrate(options: MigrateOptions = {}): Promise<MigrationReport> {
    const report = await this.#mutex.run(() =>
      this.#inTransaction(() =>
        applyMigrations(
          this.#tx.ctx.exec,
          async (sql) => this.#db.exec(sql),
          sqliteMigrations,
          this.ctx.now(),
          { dialect: "sqlite", plugins: options.plugins },
        ),
      ),
    );
    for (const migration of report.applied) options.onApplied?.(migration);
    return report;
  }

  async health(): Promise<void> {
    await this.ctx.exec.query("SELECT 1 AS ok");
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#checkpointer?.stop();
    await this.#mutex.run(() => this.#db.close());
  }
}
