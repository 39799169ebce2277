import {
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

/** Typed reads; a wrong type means schema and code disagree, worth failing loudly on. */
export function str(row: Row, column: string): string {
  const value = row[column];
  if (typeof value !== "string") throw new TypeError(`column ${column} is not text`);
  return value;
}

export function strOrNull(row: Row, column: string): string | null {
  return row[column] === null || row[column] === undefined ? null : str(row, column);
}

export function num(row: Row, column: string): number {
  const raw = row[column];
  const value = typeof raw === "bigint" ? Number(raw) : raw;
  if (typeof value !== "number" || !Number.isSafeInteger(value)) {
    throw new TypeError(`column ${column} is not a safe integer`);
  }
  return value;
}

export function numOrNull(row: Row, column: string): number | null {
  return row[column] === null || row[column] === undefined ? null : num(row, column);
}

/** Booleans are INTEGER 0/1 on both databases so the SQL stays identical. */
export function bool(row: Row, column: string): boolean {
  return num(row, column) !== 0;
}
