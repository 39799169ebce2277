import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { SecretBox } from "../../crypto/secret-box.ts";
import { SqliteStorage } from "../sqlite-storage.ts";
import type { HarnessOptions, StorageHarness } from "./storage-harness.ts";

/** A fresh SQLite file per test, inspected through a second connection as another process would. */
export async function sqliteHarness(options: HarnessOptions = {}): Promise<StorageHarness> {
  const dir = mkdtempSync(join(tmpdir(), "alma-storage-"));
  const path = join(dir, "test.db");
  const secretBox = new SecretBox(SecretBox.generateKey());
  const storage = new SqliteStorage({ path, secretBox, ...options });
  const others: SqliteStorage[] = [];
  const firstMigration = await storage.migrate();
  const side = new DatabaseSync(path, { timeout: 5000 });
  return {
    storage,
    firstMigration,
    async raw(sql, params = []) {
      return side.prepare(sql.replace(/\$(\d+)/g, "?$1")).all(...params);
    },
    async openAnother() {
      const other = new SqliteStorage({ path, secretBox, ...options });
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others) await other.close();
      side.close();
      await storage.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
