import { createHash } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { type Db, num, str, strOrNull } from "../db/bridge-db.ts";
import { canonicalJson } from "./canonical-json.ts";

/** The HTTP answer as sent, which is what a replay must send again byte for byte. */
export interface StoredResponse {
  status: number;
  contentType: string;
  body: unknown;
  headers?: Record<string, string>;
}

export type IdempotentOutcome =
  | { kind: "executed" | "replayed"; response: StoredResponse }
  | { kind: "mismatch" }
  | { kind: "in_progress" };

export interface IdempotencyOptions {
  scope: string;
  key: string;
  requestHash: string;
  now: () => number;
  /** How long a claim holds before another request may take it over (its holder crashed). */
  lockMs?: number;
  /** How long a concurrent duplicate waits for the first one to finish before answering 409. */
  waitMs?: number;
  pollMs?: number;
}

export function requestHash(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest("hex");
}

/**
 * Stripe's Idempotency-Key semantics: the first request claims the key and runs; a repeat with
 * the same body gets the stored answer, one with another body a mismatch. Concurrent repeats
 * wait for the first to finish, so 20 identical requests in flight all see one execution. Our
 * own faults (5xx, a throw) release the claim: the request never completed and may be retried.
 */
export async function runIdempotently(
  db: Db,
  options: IdempotencyOptions,
  execute: () => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  const lockMs = options.lockMs ?? 5 * 60_000;
  const pollMs = options.pollMs ?? 25;
  const polls = Math.ceil((options.waitMs ?? 10_000) / pollMs);
  for (let poll = 0; ; poll++) {
    const now = options.now();
    const claimed = await db.execute(
      `INSERT INTO bridge_idempotency (scope, key, request_hash, state, locked_until, created_at)
       VALUES ($1, $2, $3, 'processing', $4, $5) ON CONFLICT (scope, key) DO NOTHING`,
      [options.scope, options.key, options.requestHash, now + lockMs, now],
    );
    if (claimed > 0) return { kind: "executed", response: await executeClaimed(db, options, execute) };
    const rows = await db.query("SELECT * FROM bridge_idempotency WHERE scope = $1 AND key = $2", [
      options.scope,
      options.key,
    ]);
    const row = rows[0];
    if (row) {
      if (str(row, "request_hash") !== options.requestHash) return { kind: "mismatch" };
      if (str(row, "state") === "done") {
        return { kind: "replayed", response: JSON.parse(strOrNull(row, "response_body") ?? "null") };
      }
      const lockedUntil = num(row, "locked_until");
      if (lockedUntil <= now) {
        const taken = await db.execute(
          `UPDATE bridge_idempotency SET locked_until = $4
           WHERE scope = $1 AND key = $2 AND state = 'processing' AND locked_until = $3`,
          [options.scope, options.key, lockedUntil, now + lockMs],
        );
        if (taken > 0) return { kind: "executed", response: await executeClaimed(db, options, execute) };
      }
    }
    if (poll >= polls) return { kind: "in_progress" };
    await sleep(pollMs);
  }
}

async function executeClaimed(
  db: Db,
  options: IdempotencyOptions,
  execute: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const release = () =>
    db.execute("DELETE FROM bridge_idempotency WHERE scope = $1 AND key = $2 AND state = 'processing'", [
      options.scope,
      options.key,
    ]);
  let response: StoredResponse;
  try {
    response = await execute();
  } catch (error) {
    await release();
    throw error;
  }
  if (response.status >= 500) {
    await release();
    return response;
  }
  await db.execute(
    `UPDATE bridge_idempotency SET state = 'done', response_status = $3, response_body = $4
     WHERE scope = $1 AND key = $2`,
    [options.scope, options.key, response.status, JSON.stringify(response)],
  );
  return response;
}

/** Keys are kept a day (Stripe keeps them 24 h); older ones, and claims abandoned by a crash, are forgotten. */
export async function purgeIdempotencyKeys(db: Db, olderThan: number): Promise<number> {
  return db.execute(
    "DELETE FROM bridge_idempotency WHERE created_at < $1 AND (state = 'done' OR locked_until < $1)",
    [olderThan],
  );
}
