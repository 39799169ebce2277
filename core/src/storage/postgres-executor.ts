import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { ClientBase, Pool, QueryConfig, TypeOverrides } from "pg";
import type { SqlExecutor, SqlRow, SqlValue } from "./sql/sql-executor.ts";
import { classifyStorageError } from "./storage-unavailable-error.ts";

/**
 * Makes PostgreSQL hand values back the way SQLite does: BIGINT and NUMERIC (SUM, COUNT) as numbers
 * (timestamps and cents stay far below 2^53), JSON as text that the shared row reader parses.
 */
export function pgTypeOverrides(): TypeOverrides {
  const types = new (loadPg().TypeOverrides)();
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

/**
 * The pg driver, loaded the first time a PostgreSQL storage is made: a server on the embedded
 * SQLite default never holds its modules in memory (storage's index exports this backend too).
 */
export function loadPg(): typeof import("pg") {
  pg ??= createRequire(import.meta.url)("pg") as typeof import("pg");
  return pg;
}
let pg: typeof import("pg") | undefined;

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
    return (await this.#run(sql, params)).rows;
  }

  async execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return (await this.#run(sql, params)).rowCount ?? 0;
  }

  async #run(sql: string, params: readonly SqlValue[]) {
    this.#assertOpen();
    try {
      return await this.#target.query(prepared(sql, params));
    } catch (error) {
      if (!isStalePlan(error)) rethrowClassified(error);
      // Another instance migrated the schema under a statement this connection prepared (a
      // `SELECT *` gained a column), or a pooler moved us to a server connection that never saw
      // it. From now on this process sends that SQL unprepared; outside a
      // transaction the call is simply run again, inside one the transaction has failed and its
      // caller retries as after any storage error.
      names.set(sql, "");
      if (!("totalCount" in this.#target)) rethrowClassified(error);
      return this.#target.query(sql, [...params]).catch(rethrowClassified);
    }
  }
}

const names = new Map<string, string>();

/**
 * Every statement is a named prepared statement: each connection parses and plans it once, then
 * only binds and runs it. Our statements are short, and parsing and planning were a large part of
 * PostgreSQL's own CPU per webhook delivery. The name is a digest of the text, so the same SQL
 * gets the same name on every connection and different SQL never shares one. Statements that
 * name their states literally keep using the partial indexes under a generic plan.
 */
function prepared(sql: string, params: readonly SqlValue[]): QueryConfig {
  let name = names.get(sql);
  if (name === undefined) {
    name = `as_${createHash("sha256").update(sql).digest("base64url").slice(0, 22)}`;
    // Statements come from a fixed set in the code; the bound only guards against a caller building SQL.
    if (names.size < 5_000) names.set(sql, name);
  }
  return name === "" ? { text: sql, values: [...params] } : { name, text: sql, values: [...params] };
}

/**
 * PostgreSQL refusing a prepared statement: its result columns changed since it was prepared
 * (0A000), or the server connection does not know it (26000), as behind a PgBouncer in transaction
 * mode without `max_prepared_statements`.
 */
function isStalePlan(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: string }).code;
  return (
    (code === "0A000" && /cached plan must not change result type/.test(error.message)) ||
    (code === "26000" && /prepared statement .* does not exist/.test(error.message))
  );
}

/** A lost connection surfaces as StorageUnavailableError, so callers can answer 503 instead of 500. */
function rethrowClassified(error: unknown): never {
  throw classifyStorageError(error);
}
