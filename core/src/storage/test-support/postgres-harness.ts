import { randomBytes } from "node:crypto";
import pg from "pg";
import { SecretBox } from "../../crypto/secret-box.ts";
import { PostgresStorage } from "../postgres-storage.ts";
import type { HarnessOptions, StorageHarness } from "./storage-harness.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/** Each test gets its own schema so parallel test files (and other engineers) never collide. */
export function randomSchemaName(): string {
  return `alma_test_${randomBytes(6).toString("hex")}`;
}

export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export async function postgresHarness(options: HarnessOptions = {}): Promise<StorageHarness> {
  const schema = randomSchemaName();
  const secretBox = new SecretBox(SecretBox.generateKey());
  const open = () =>
    new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema, secretBox, ...options });
  const storage = open();
  const others: PostgresStorage[] = [];
  const firstMigration = await storage.migrate();
  const side = new pg.Pool({
    connectionString: TEST_DATABASE_URL,
    max: 2,
    options: `-c search_path=${schema}`,
  });
  return {
    storage,
    firstMigration,
    async raw(sql, params = []) {
      return (await side.query(sql, params)).rows;
    },
    async openAnother() {
      const other = open();
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others) await other.close();
      await side.end();
      await storage.close();
      await dropSchema(schema);
    },
  };
}
