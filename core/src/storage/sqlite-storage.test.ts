import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SecretBox } from "../crypto/secret-box.ts";
import { sqliteMigrations } from "./migrations/sqlite-migrations.ts";
import { openStorage, SQLITE_FILE_NAME } from "./open-storage.ts";
import { SqliteStorage } from "./sqlite-storage.ts";
import { storageContract } from "./storage-contract.ts";
import { sqliteHarness } from "./test-support/sqlite-harness.ts";

storageContract("sqlite", sqliteHarness);

describe("SqliteStorage specifics", () => {
  const secretBox = new SecretBox(SecretBox.generateKey());

  it("works in memory", async () => {
    const storage = new SqliteStorage({ path: ":memory:", secretBox });
    expect((await storage.migrate()).applied).toHaveLength(sqliteMigrations.length);
    const { tenant } = await storage.createTenant({ platform: "bridge", externalId: "x", name: "X" });
    expect(await storage.getTenant(tenant.id)).toEqual(tenant);
    await storage.close();
    await storage.close();
  });

  it("openStorage without a URL creates the data folder and a WAL SQLite file", async () => {
    const root = mkdtempSync(join(tmpdir(), "alma-open-"));
    const dir = join(root, "nested", "data");
    const storage = openStorage({ dataDir: dir, secretBox });
    expect(storage.dialect).toBe("sqlite");
    await storage.migrate();
    await storage.enqueue({ type: "t", key: "k", payload: null });
    expect(statSync(join(dir, SQLITE_FILE_NAME)).isFile()).toBe(true);
    expect(statSync(join(dir, `${SQLITE_FILE_NAME}-wal`)).isFile()).toBe(true);
    await storage.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("explains a re-entrant call instead of deadlocking", async () => {
    const storage = new SqliteStorage({ path: ":memory:", secretBox });
    await storage.migrate();
    await expect(storage.transaction(() => storage.listTenants())).rejects.toThrow(/re-entrantly/);
    expect(await storage.listTenants()).toEqual([]);
    await storage.close();
  });

  it("rejects a non-postgres database URL", () => {
    expect(() => openStorage({ databaseUrl: "mysql://x", dataDir: "/tmp/unused", secretBox })).toThrow(
      RangeError,
    );
  });
});
