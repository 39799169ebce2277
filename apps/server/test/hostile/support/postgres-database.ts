import { createTestDatabase } from "../../support/test-database.ts";

/** The backends every hostile file that touches storage most runs on. */
export const BACKENDS = [
  ["SQLite", false],
  ["PostgreSQL", true],
] as const;

/**
 * A database of its own on the local PostgreSQL, so that the row counts of a whole server running
 * on it move only with this file's requests (other tests share the `test` database).
 */
export function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  return createTestDatabase("alma_hostile");
}
