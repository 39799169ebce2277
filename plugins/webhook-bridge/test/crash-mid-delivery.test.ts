import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SecretBox } from "@alma-suite/core";
import { SqliteStorage } from "@alma-suite/core/storage";
import { Webhook } from "standardwebhooks";
import { expect, it } from "vitest";
import { bridgeConfigSchema } from "../src/config/bridge-config.ts";
import { createBridge } from "../src/create-bridge.ts";
import { dbOf } from "../src/db/bridge-db.ts";
import { migrateBridge } from "../src/db/migrate-bridge.ts";
import { seedEndpoint, seedEvent, seedMerchant } from "../src/testing/seed.ts";
import { startWebhookReceiver } from "../src/testing/webhook-receiver.ts";

const MESSAGES = 20;

function startWorker(path: string, key: string, id: string): { child: ChildProcess; ready: Promise<void> } {
  const script = fileURLToPath(new URL("./support/delivery-worker.ts", import.meta.url));
  const child = spawn(process.execPath, ["--no-warnings", script, path, key, id, "400"], {
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.once("message", () => resolve());
    child.once("exit", (code, signal) => reject(new Error(`worker exited early: ${code ?? signal}`)));
  });
  return { child, ready };
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

it("loses no webhook when the delivering process is killed with -9 mid-delivery", async () => {
  const dir = mkdtempSync(join(tmpdir(), "bridge-crash-"));
  const path = join(dir, "bridge.db");
  const key = SecretBox.generateKey().toString("hex");
  const receiver = await startWebhookReceiver(() => "hang");
  const storage = new SqliteStorage({ path, secretBox: SecretBox.fromEncodedKey(key) });
  let first: ChildProcess | undefined;
  try {
    await storage.migrate();
    await migrateBridge(storage);
    const bridge = createBridge(
      bridgeConfigSchema.parse({
        BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
        BRIDGE_RECONCILE_INTERVAL_MS: "0",
      }),
      {
        storage,
        almaFor: async () => {
          throw new Error("unused");
        },
        almaWithKey: () => {
          throw new Error("unused");
        },
        logger: { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} },
        publicUrl: "http://127.0.0.1:1",
        now: Date.now,
      },
    );
    await bridge.ctx.ready;
    const merchant = await seedMerchant(bridge.ctx);
    const { secret } = await seedEndpoint(bridge.ctx, merchant, receiver.url);
    const messageIds: string[] = [];
    for (let i = 0; i < MESSAGES; i++) {
      messageIds.push(
        (await seedEvent(bridge.ctx, merchant, "payment.accepted", `crash-${i}`, { n: i })).message.id,
      );
    }

    // The first process sends four deliveries, the receiver holds them open, and the process dies.
    const worker = startWorker(path, key, "doomed");
    first = worker.child;
    await worker.ready;
    await until(() => receiver.received.length >= 4, "deliveries in flight");
    first.kill("SIGKILL");
    await once(first, "exit");
    const inFlight = receiver.received.map((r) => r.headers["webhook-id"]);
    const db = dbOf(storage);
    expect(await db.query("SELECT COUNT(*) AS n FROM bridge_attempts")).toEqual([{ n: 0 }]);

    // A new process takes over once the dead one's leases expire; this time the receiver answers.
    receiver.respond = () => ({ status: 200 });
    const second = startWorker(path, key, "survivor");
    await second.ready;
    try {
      await until(
        async () =>
          Number(
            (await db.query("SELECT COUNT(*) AS n FROM bridge_deliveries WHERE status = 'succeeded'"))[0]?.n,
          ) === MESSAGES,
        "every delivery to succeed",
      );
    } finally {
      second.child.kill("SIGTERM");
      await once(second.child, "exit");
    }

    const delivered = new Set(receiver.received.map((r) => r.headers["webhook-id"]));
    expect(delivered).toEqual(new Set(messageIds));
    // The interrupted deliveries went again with the same webhook-id: at-least-once, receivers dedupe on it.
    for (const id of inFlight)
      expect(receiver.received.filter((r) => r.headers["webhook-id"] === id).length).toBe(2);
    for (const r of receiver.received) expect(new Webhook(secret).verify(r.body, r.headers)).toBeTruthy();
    // One attempt recorded per delivery: the one cut short left no half-written trace.
    expect(await db.query("SELECT status, COUNT(*) AS n FROM bridge_attempts GROUP BY status")).toEqual([
      { status: "succeeded", n: MESSAGES },
    ]);
    expect(await db.query("SELECT state, COUNT(*) AS n FROM jobs GROUP BY state")).toEqual([
      { state: "done", n: MESSAGES },
    ]);
  } finally {
    first?.kill("SIGKILL");
    await receiver.close();
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 30_000);
