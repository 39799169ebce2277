import type { DatabaseSync, StatementSync } from "node:sqlite";
import type { SqlExecutor, SqlRow, SqlValue } from "./sql/sql-executor.ts";

/**
 * Runs shared SQL on a node:sqlite connection. `$1` placeholders become `?1` (numbered binding, so a
 * parameter may repeat). `enter` wraps each statement: the storage passes its mutex for standalone
 * statements, and a check that the transaction is still open for a transaction handle.
 */
export class SqliteExecutor implements SqlExecutor {
  readonly dialect = "sqlite" as const;
  readonly #db: DatabaseSync;
  readonly #statements = new Map<string, StatementSync>();
  readonly #enter: <T>(fn: () => T) => Promise<T>;

  constructor(db: DatabaseSync, enter: <T>(fn: () => T) => Promise<T>) {
    this.#db = db;
    this.#enter = enter;
  }

  query(sql: string, params: readonly SqlValue[] = []): Promise<SqlRow[]> {
    return this.#enter(() => this.#prepare(sql).all(...params));
  }

  execute(sql: string, params: readonly SqlValue[] = []): Promise<number> {
    return this.#enter(() => Number(this.#prepare(sql).run(...params).changes));
  }

  #prepare(sql: string): StatementSync {
    let statement = this.#statements.get(sql);
    if (!statement) {
      statement = this.#db.prepare(sql.replace(/\$(\d+)/g, "?$1"));
      this.#statements.set(sql, statement);
    }
    return statement;
  }
}
