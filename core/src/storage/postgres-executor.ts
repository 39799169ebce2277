import { type ClientBase, type Pool, TypeOverrides } from "pg";
import type { SqlExecutor, SqlRow, SqlValue } from "./sql/sql-executor.ts";
import { classifyStorageError } from "./storage-unavailable-error.ts";

/**
 * Makes PostgreSQL hand values back the way SQLite does: BIGINT and NUMERIC (SUM, COUNT) as numbers
 * (timestamps and cents stay far below 2^53), JSON as text that the shared row reader parses.
 */
export function pgTypeOverrides(): TypeOverrides {
  const types = new TypeOverrides();
  const toSafeNumber = (value: string): number => {
    const number = Number(value);
    if (!Number.isSafeInteger(number)) throw new RangeError(`integer ${value} exceeds 2^53`);
    return number;
  };
  types.setTypeParser(20, "text", toSafeNumber); // int8
  types.setTypeParser(1700, "text", toSafeNumber); // numeric
  types.setTypeParser(114, "text", (value: string) => value); // json
  types.setTypeParser(3802, "text", (value: string) => value); // jsonb
  return types;
}

/** Runs shared SQL on the pool, or on one client inside a transaction. */
export class PostgresExecutor implements SqlExecutor {
  readonly dialect = "postgres" as const;
  readonly #target: Pool | ClientBase;
  readonly #assertOpen: () => void;

  constructor(target: Pool | ClientBase, assertOpen: () => void = () => {}) {
    this.#target = target;
    this.#assertOpen = assertOpen;
  }

  async query(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    this.#assertOpen();
    const result = await this.#target.query(sql, [...params]).catch(rethrowClassified);
    return result.rows;
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    this.#assertOpen();
    const result = await this.#target.query(sql, [...params]).catch(rethrowClassified);
    return result.rowCount ?? 0;
  }
}

/** A lost connection surfaces as StorageUnavailableError, so callers can answer 503 instead of 500. */
function rethrowClassified(error: unknown): never {
  throw classifyStorageError(error);
}
