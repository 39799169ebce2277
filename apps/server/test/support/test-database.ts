import { randomBytes } from "node:crypto";
import pg from "pg";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** A schema name no other test (or engineer) uses at the same time. */
export function testSchemaName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

export async function dropTestSchema(schema: string): Promise<void> {
  await withClient(TEST_DATABASE_URL, (c) => c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/**
 * A fresh database on the test cluster, for whole servers (which use the default schema): the URL
 * to give them as DATABASE_URL, and a drop that first ends what is still connected.
 */
export async function createTestDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = testSchemaName(prefix);
  await withClient(TEST_DATABASE_URL, (c) => c.query(`CREATE DATABASE "${name}"`));
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await withClient(TEST_DATABASE_URL, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
