import { createHash, randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { type Storage, startHeartbeat } from "@alma-suite/core/storage";
import { type Db, num, numOrNull, str, strOrNull } from "../db/bridge-db.ts";
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
  | { kind: "in_progress" }
  /** The stored answer no longer opens (the master key was rotated since): the key cannot be replayed. */
  | { kind: "unreadable"; status: number | null };

/** How long an Idempotency-Key claim survives its holder's silence (see `lockMs`). */
export const IDEMPOTENCY_LOCK_MS = 30_000;

export interface IdempotencyOptions {
  scope: string;
  key: string;
  /**
   * Seals the stored answer with the master key: answers hand out API keys and webhook secrets,
   * and hold customers' details, which a copy of the database must not reveal.
   */
  sealer: Pick<Storage, "sealValue" | "openValue">;
  requestHash: string;
  now: () => number;
  /**
   * How long a claim holds without news from its holder. The holder renews it every third of
   * this while it runs, so only a crashed holder's claim lapses, and the buyer's retry can run
   * this soon after the crash (it used to wait a fixed five minutes).
   */
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
 * wait for the first to finish, so 20 identical requests in flight all see one execution. An
 * answer that says "try again later" (see `saysRetryLater`) or a throw releases the claim: the
 * request did not take effect, and the same key must be able to carry it out later.
 */
export async function runIdempotently(
  db: Db,
  options: IdempotencyOptions,
  execute: () => Promise<StoredResponse>,
): Promise<IdempotentOutcome> {
  const lockMs = options.lockMs ?? IDEMPOTENCY_LOCK_MS;
  const pollMs = options.pollMs ?? 25;
  const polls = Math.ceil((options.waitMs ?? 10_000) / pollMs);
  for (let poll = 0; ; poll++) {
    const now = options.now();
    const holder = randomUUID();
    const claimed = await db.execute(
      `INSERT INTO bridge_idempotency (scope, key, request_hash, state, locked_until, created_at, holder)
       VALUES ($1, $2, $3, 'processing', $4, $5, $6) ON CONFLICT (scope, key) DO NOTHING`,
      [options.scope, options.key, options.requestHash, now + lockMs, now, holder],
    );
    if (claimed > 0)
      return { kind: "executed", response: await executeClaimed(db, options, holder, execute) };
    const rows = await db.query("SELECT * FROM bridge_idempotency WHERE scope = $1 AND key = $2", [
      options.scope,
      options.key,
    ]);
    const row = rows[0];
    if (row) {
      if (str(row, "request_hash") !== options.requestHash) return { kind: "mismatch" };
      if (str(row, "state") === "done")
        return storedAnswer(options, strOrNull(row, "response_body"), numOrNull(row, "response_status"));
      const lockedUntil = num(row, "locked_until");
      if (lockedUntil <= now) {
        const taken = await db.execute(
          `UPDATE bridge_idempotency SET locked_until = $4, holder = $5
           WHERE scope = $1 AND key = $2 AND state = 'processing' AND locked_until = $3`,
          [options.scope, options.key, lockedUntil, now + lockMs, holder],
        );
        if (taken > 0)
          return { kind: "executed", response: await executeClaimed(db, options, holder, execute) };
      }
    }
    if (poll >= polls) return { kind: "in_progress" };
    await sleep(pollMs);
  }
}

async function executeClaimed(
  db: Db,
  options: IdempotencyOptions,
  holder: string,
  execute: () => Promise<StoredResponse>,
): Promise<StoredResponse> {
  const renewal = renewClaim(db, options, holder);
  // Every write after the claim is fenced on this claim's holder token: a request that stalled and
  // lost its claim leaves the new holder's row, and the answer it stores, alone.
  const release = () =>
    db.execute(
      "DELETE FROM bridge_idempotency WHERE scope = $1 AND key = $2 AND state = 'processing' AND holder = $3",
      [options.scope, options.key, holder],
    );
  let response: StoredResponse;
  try {
    response = await execute();
  } catch (error) {
    await renewal.stop();
    await release();
    throw error;
  }
  await renewal.stop();
  if (saysRetryLater(response.status)) {
    await release();
    return response;
  }
  await db.execute(
    `UPDATE bridge_idempotency SET state = 'done', response_status = $3, response_body = $4
     WHERE scope = $1 AND key = $2 AND state = 'processing' AND holder = $5`,
    [options.scope, options.key, response.status, sealAnswer(options, response), holder],
  );
  return response;
}

/**
 * Answers never stored under a key, because the same request may succeed later: our faults and
 * Alma's unavailability (5xx), a rate limit (429), and a conflict with the resource's current
 * state (409: e.g. a payment still being confirmed, another request on the same checkout).
 */
export function saysRetryLater(status: number): boolean {
  return status >= 500 || status === 429 || status === 409;
}

const sealContext = (options: IdempotencyOptions) => `bridge_idempotency:${options.scope}:${options.key}`;

function sealAnswer(options: IdempotencyOptions, response: StoredResponse): string {
  return options.sealer.sealValue(sealContext(options), JSON.stringify(response));
}

function storedAnswer(
  options: IdempotencyOptions,
  stored: string | null,
  status: number | null,
): IdempotentOutcome {
  if (stored === null) return { kind: "unreadable", status };
  // Answers stored before they were sealed are plain JSON (kept a day at most).
  if (stored.startsWith("{")) return { kind: "replayed", response: JSON.parse(stored) as StoredResponse };
  try {
    return { kind: "replayed", response: JSON.parse(options.sealer.openValue(sealContext(options), stored)) };
  } catch {
    return { kind: "unreadable", status };
  }
}

/**
 * Pushes the claim's lock forward while its request runs, every third of the lock. Fenced on the
 * holder token: once another request has taken the claim over (this one stalled past the lock),
 * renewals stop rather than steal it back.
 */
function renewClaim(db: Db, options: IdempotencyOptions, holder: string) {
  const lockMs = options.lockMs ?? IDEMPOTENCY_LOCK_MS;
  return startHeartbeat(Math.floor(lockMs / 3), async () => {
    const renewed = await db.execute(
      `UPDATE bridge_idempotency SET locked_until = $4
       WHERE scope = $1 AND key = $2 AND state = 'processing' AND holder = $3`,
      [options.scope, options.key, holder, options.now() + lockMs],
    );
    return renewed > 0;
  });
}

/** Keys are kept a day (Stripe keeps them 24 h); older ones, and claims abandoned by a crash, are forgotten. */
export async function purgeIdempotencyKeys(db: Db, olderThan: number): Promise<number> {
  return db.execute(
    "DELETE FROM bridge_idempotency WHERE created_at < $1 AND (state = 'done' OR locked_until < $1)",
    [olderThan],
  );
}
