import { createTestDatabase } from "./test-database.ts";

/** The two databases every scenario that must hold on both runs on. */
export const DATABASES = ["sqlite", "postgres"] as const;
export type DatabaseKind = (typeof DATABASES)[number];

/**
 * Settings giving a whole server that database: nothing for SQLite (its data folder), a fresh
 * database of the test cluster for PostgreSQL; `drop` removes it after the server stopped.
 */
export async function serverDatabase(
  kind: DatabaseKind,
  prefix: string,
): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  if (kind === "sqlite") return { env: {}, drop: async () => {} };
  const db = await createTestDatabase(prefix);
  return { env: { DATABASE_URL: db.url }, drop: db.drop };
}
