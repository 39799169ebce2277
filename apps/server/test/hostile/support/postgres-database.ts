import { randomBytes } from "node:crypto";
import { SecretBox } from "@alma-suite/core";
import { PostgresStorage, sqlExecutorOf } from "@alma-suite/core/storage";

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** The backends every hostile file that touches storage most runs on. */
export const BACKENDS = [
  ["SQLite", false],
  ["PostgreSQL", true],
] as const;

/**
 * A database of its own on the local PostgreSQL, so that the row counts of a whole server running
 * on it move only with this file's requests (other tests share the `test` database).
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const admin = new PostgresStorage({
    connectionString: TEST_DATABASE_URL,
    secretBox: new SecretBox(SecretBox.generateKey()),
    poolSize: 1,
  });
  const name = `alma_hostile_${randomBytes(6).toString("hex")}`;
  await sqlExecutorOf(admin).execute(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await sqlExecutorOf(admin).execute(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}
