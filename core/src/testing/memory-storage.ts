import { SecretBox } from "../crypto/secret-box.ts";
import { SqliteStorage } from "../storage/sqlite-storage.ts";

/**
 * A migrated SQLite store in memory with a fresh master key: what a unit test of anything that
 * keeps state starts from. `clock` stands in for the storage's time (created_at, leases).
 */
export async function memoryStorage(options: { clock?: () => number } = {}): Promise<SqliteStorage> {
  const storage = new SqliteStorage({
    path: ":memory:",
    secretBox: new SecretBox(SecretBox.generateKey()),
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await storage.migrate();
  return storage;
}
