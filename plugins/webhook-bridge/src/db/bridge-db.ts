import {
  int,
  type SqlExecutor,
  type SqlRow,
  type StorageTransaction,
  sqlExecutorOf,
} from "@alma-suite/core/storage";

/** The bridge's SQL: written once with `$n` placeholders, run on SQLite or PostgreSQL alike. */
export type Db = SqlExecutor;
export type Row = SqlRow;

/** The executor of a storage or of a transaction handle, so bridge rows commit with core's writes and jobs. */
export function dbOf(handle: StorageTransaction): Db {
  return sqlExecutorOf(handle);
}

/** Typed reads: core's row reader under the names the bridge's stores use. */
export {
  int as num,
  intOrNull as numOrNull,
  text as str,
  textOrNull as strOrNull,
} from "@alma-suite/core/storage";

/** Booleans are INTEGER 0/1 on both databases so the SQL stays identical. */
export function bool(row: Row, column: string): boolean {
  return int(row, column) !== 0;
}
