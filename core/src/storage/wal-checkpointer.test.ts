import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, expect, it } from "vitest";
import { SecretBox } from "../crypto/secret-box.ts";
import { SqliteStorage } from "./sqlite-storage.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Writes about 1.2 MB (some 300 pages) through the storage, in many commits, and returns the database file's path. */
async function writeALot(backgroundCheckpoints: boolean): Promise<{ storage: SqliteStorage; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), "alma-wal-"));
  dirs.push(dir);
  const path = join(dir, "alma-suite.db");
  const storage = new SqliteStorage({
    path,
    secretBox: new SecretBox(SecretBox.generateKey()),
    backgroundCheckpoints,
  });
  await storage.migrate();
  const { tenant } = await storage.createTenant({ platform: "bridge", externalId: "wal", name: "WAL" });
  for (let i = 0; i < 150; i++) {
    await storage.createPaymentLink({
      tenantId: tenant.id,
      platformOrderRef: `order-${i}`,
      amountCents: 100,
      currency: "EUR",
      custom: { note: "x".repeat(5000) },
    });
  }
  return { storage, path };
}

async function waitFor(condition: () => boolean, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return condition();
}

it("copies committed pages into the database file from its own thread, not inside the writer's commits", async () => {
  const { storage, path } = await writeALot(true);
  // The writer's own threshold (20,000 pages) is far away: only the thread can have moved the pages.
  expect(await waitFor(() => statSync(path).size > 900_000, 5_000)).toBe(true);
  await storage.close();
});

it("leaves the pages in the WAL without the thread (what the first test would see if it did nothing)", async () => {
  const { storage, path } = await writeALot(false);
  // SQLite's default threshold is 1,000 pages (4 MB): these 300 stay in the WAL.
  expect(await waitFor(() => statSync(path).size > 900_000, 1_000)).toBe(false);
  expect(statSync(`${path}-wal`).size).toBeGreaterThan(900_000);
  await storage.close();
});

it("stops its thread on close, so the file can be reopened and the process can exit", async () => {
  const { storage, path } = await writeALot(true);
  await storage.close();
  const again = new SqliteStorage({ path, secretBox: new SecretBox(SecretBox.generateKey()) });
  expect((await again.listTenants()).length).toBe(1);
  await again.close();
});
