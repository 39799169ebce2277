import type { SecretBox } from "../secret-box.ts";
import type { SqlDialect } from "../storage.ts";

export type SqlValue = string | number | null;
export type SqlRow = Record<string, unknown>;

/**
 * The only thing shared queries need from a connection. SQL is written once with PostgreSQL's `$1`
 * placeholders; the SQLite executor rewrites them to `?1`, which SQLite binds by number too.
 */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  query(sql: string, params?: readonly SqlValue[]): Promise<SqlRow[]>;
  /** Returns the number of rows changed. */
  execute(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** Everything a query function needs, passed explicitly rather than held in module state. */
export interface SqlContext {
  exec: SqlExecutor;
  secretBox: SecretBox;
  now: () => number;
  /**
   * Called after a job due now was written through this context: the storage wakes its workers,
   * at once outside a transaction, after the commit inside one.
   */
  onJobDue?: () => void;
}

/** Builds `$n, $n+1, …` for an IN list that follows `offset` earlier parameters. */
export function placeholders(count: number, offset: number): string {
  return Array.from({ length: count }, (_, index) => `$${offset + index + 1}`).join(", ");
}
