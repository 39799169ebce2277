import { randomBytes } from "node:crypto";
import { SecretBox } from "@alma-suite/core";
import { PostgresStorage, SqliteStorage, type Storage } from "@alma-suite/core/storage";
import { dbOf } from "../db/bridge-db.ts";
import { migrateBridge } from "../db/migrate-bridge.ts";

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export interface TestStorage {
  storage: Storage;
  cleanup(): Promise<void>;
}

/** A throwaway, migrated store (core's tables and the bridge's). */
export async function sqliteTestStorage(
  options: { clock?: () => number; path?: string } = {},
): Promise<TestStorage> {
  const storage = new SqliteStorage({
    path: options.path ?? ":memory:",
    secretBox: new SecretBox(SecretBox.generateKey()),
    clock: options.clock,
  });
  await storage.migrate();
  await migrateBridge(storage);
  return { storage, cleanup: () => storage.close() };
}

/** Its own schema on the local PostgreSQL, dropped afterwards, so parallel runs never collide. */
export async function postgresTestStorage(options: { clock?: () => number } = {}): Promise<TestStorage> {
  const schema = `bridge_test_${randomBytes(6).toString("hex")}`;
  const storage = new PostgresStorage({
    connectionString: TEST_DATABASE_URL,
    schema,
    secretBox: new SecretBox(SecretBox.generateKey()),
    poolSize: 4,
    clock: options.clock,
  });
  await storage.migrate();
  await migrateBridge(storage);
  return {
    storage,
    async cleanup() {
      await dbOf(storage).execute(`DROP SCHEMA "${schema}" CASCADE`);
      await storage.close();
    },
  };
}

/** Every storage-touching suite runs on both backends: the same SQL must hold on each. */
export const BACKENDS: [string, boolean][] = [
  ["sqlite", false],
  ["postgres", true],
];
