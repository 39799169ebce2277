import { createRequire } from "node:module";
import type * as Pg from "pg";

/**
 * The PostgreSQL driver, loaded by the first PostgreSQL storage rather than with the storage
 * module: a server on the embedded SQLite never holds it in memory.
 */
export function loadPg(): typeof Pg {
  return createRequire(import.meta.url)("pg") as typeof Pg;
}
