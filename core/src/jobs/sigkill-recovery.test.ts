import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { expect, it } from "vitest";
import { SecretBox } from "../crypto/secret-box.ts";
import { SqliteStorage } from "../storage/sqlite-storage.ts";
import { spawnScript, waitUntil } from "./test-support/spawn-script.ts";

const JOBS = 50;

it("finishes every job with its effect recorded exactly once after the worker is killed with -9", async () => {
  const dir = mkdtempSync(join(tmpdir(), "alma-sigkill-"));
  const path = join(dir, "jobs.db");
  const storage = new SqliteStorage({ path, secretBox: new SecretBox(SecretBox.generateKey()) });
  await storage.migrate();
  const db = new DatabaseSync(path, { timeout: 5000 });
  db.exec("CREATE TABLE effects (key TEXT PRIMARY KEY, worker TEXT NOT NULL)");
  db.exec("CREATE TABLE attempts (key TEXT NOT NULL, worker TEXT NOT NULL)");
  await storage.transaction(async (tx) => {
    for (let i = 0; i < JOBS; i++) await tx.enqueue({ type: "effect", key: `effect-${i}`, payload: { i } });
  });
  await storage.close();
  const count = (sql: string) => Number(db.prepare(sql).get()?.n);

  try {
    const first = spawnScript("sqlite-effects-worker.ts", [path, "first", "800", "15"]);
    await first.ready;
    await waitUntil(() => count("SELECT COUNT(*) AS n FROM effects") >= 12, 10_000, "first effects");
    first.child.kill("SIGKILL");
    expect(await first.exited).toBe("SIGKILL");

    const running = db
      .prepare("SELECT key FROM jobs WHERE state = 'running'")
      .all()
      .map((row) => String(row.key));
    expect(running.length).toBeGreaterThan(0);
    expect(count("SELECT COUNT(*) AS n FROM jobs WHERE state = 'done'")).toBeLessThan(JOBS);

    // A long lease for the survivor: its own leases must not run out on a busy machine (that would
    // count a third attempt); what is tested is that the dead worker's leases do.
    const second = spawnScript("sqlite-effects-worker.ts", [path, "second", "2000", "1"]);
    await second.ready;
    await waitUntil(
      () => count("SELECT COUNT(*) AS n FROM jobs WHERE state = 'done'") === JOBS,
      15_000,
      "all done",
    );
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);

    expect(db.prepare("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state").all()).toEqual([
      expect.objectContaining({ state: "done", n: JOBS }),
    ]);
    expect(count("SELECT COUNT(*) AS n FROM effects")).toBe(JOBS);
    expect(count("SELECT COUNT(DISTINCT key) AS n FROM attempts")).toBe(JOBS);
    // Jobs leased by the killed worker ran again (a second attempt) yet left one effect each.
    for (const key of running) {
      const job = db.prepare("SELECT attempts, leased_by FROM jobs WHERE key = ?").get(key);
      expect(job).toMatchObject({ attempts: 2, leased_by: "second" });
    }
    expect(count("SELECT COUNT(*) AS n FROM attempts")).toBeGreaterThan(JOBS);
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
