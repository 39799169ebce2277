import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SandboxServer } from "@alma-suite/alma-sandbox";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { payOnHostedPage } from "@alma-suite/webhook-bridge/testing";
import { agencyClient } from "./agency-client.ts";
import { countEffects, type RoundCounts } from "./count-effects.ts";
import type { startHookRecorder } from "./hook-recorder.ts";
import { postgresRoundDatabase, type RoundDatabase, sqliteRoundDatabase } from "./round-database.ts";
import { delay, type ServerProcess, startServerProcess } from "./server-process.ts";

const OPERATOR = "chaos-operator-token-000000000001";
const basket = JSON.parse(
  readFileSync(new URL("../../fixtures/bridge/checkouts/basket-3x.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

export interface RoundOptions {
  round: number;
  checkouts: number;
  /** PostgreSQL admin URL for a fresh database per round; SQLite in the data folder otherwise. */
  pgAdminUrl?: string;
  sandbox: SandboxServer;
  hooks: Awaited<ReturnType<typeof startHookRecorder>>;
  /**
   * When to kill: once this many load steps are done (each customer has STEPS_PER_CHECKOUT:
   * checkout, payment, return, two refunds; the total means "after the load, while jobs drain"),
   * plus `jitterMs` so the kill lands inside requests rather than between them.
   */
  killAtStep: number;
  jitterMs: number;
}

export const STEPS_PER_CHECKOUT = 5;

export interface RoundResult extends RoundCounts {
  /** `step/total` of the load at the kill. */
  killedAt: string;
  /** Agency requests left without an answer by the kill (then sent again). */
  cutRequests: number;
  restarts: number;
  durationMs: number;
}

/**
 * One round: a fresh server (own data folder and database), a mixed load from an agency
 * (checkouts, customers paying on Alma's page and coming back, Alma's IPNs, two partial refunds
 * per payment, webhook deliveries), kill -9 at a chosen point of it, restart on the same data, let every
 * client retry until it gets its answer, let the jobs drain, then count effects at Alma and at the
 * agency's endpoint (see countEffects).
 */
export async function runChaosRound(options: RoundOptions): Promise<RoundResult> {
  const started = Date.now();
  const dataDir = mkdtempSync(join(tmpdir(), `chaos-${options.round}-`));
  const db: RoundDatabase = options.pgAdminUrl
    ? await postgresRoundDatabase(options.pgAdminUrl)
    : sqliteRoundDatabase(dataDir);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const almaKey = `sk_test_chaos${process.pid}r${options.round}x${Date.now()}`;
  const env: Record<string, string> = {
    PORT: String(port),
    HOST: "127.0.0.1",
    PUBLIC_URL: url,
    DATA_DIR: dataDir,
    ALMA_API_URL: options.sandbox.url,
    MASTER_KEY: "c".repeat(64),
    ADMIN_TOKEN: "chaos-admin-token-0000000000000001",
    LOG_LEVEL: "warn",
    WORKER_CONCURRENCY: "4",
    BRIDGE_WEBHOOK_ALLOWED_HOSTS: "127.0.0.1",
    BRIDGE_OPERATOR_TOKEN: OPERATOR,
    RATE_LIMIT_BRIDGE_PER_SECOND: "100000",
    RATE_LIMIT_IP_PER_SECOND: "100000",
    RATE_LIMIT_IPN_PER_SECOND: "100000",
    ...(db.url ? { DATABASE_URL: db.url } : {}),
  };
  const logFile = join(dataDir, "server.log");
  let server: ServerProcess = await startServerProcess({ url, env, logFile });
  const deadWorkers: string[] = [];
  let restarts = 0;
  let clock: ReturnType<typeof setInterval> | undefined;
  try {
    let token = OPERATOR;
    const call = agencyClient(
      () => url,
      () => token,
    );
    const agency = await call("POST", "/bridge/v1/operator/agencies", { name: `Chaos ${options.round}` });
    token = agency.body.api_key.token;
    const base = "/bridge/v1/merchants/chaos-shop";
    await provisionSandboxKeys(options.sandbox.url, almaKey);
    const merchant = await call("PUT", base, { name: "Chaos Shop", alma_test_key: almaKey });
    const tenantId: string = merchant.body.id;
    await call("POST", `${base}/endpoints`, { url: options.hooks.url, description: "chaos" });

    const progress = { done: 0 };
    const killer = (async () => {
      while (progress.done < options.killAtStep) await delay(2);
      await delay(options.jitterMs);
      await server.kill();
      deadWorkers.push(server.workerId);
      await expireDeadClaims(db);
      server = await startServerProcess({ url, env, logFile });
      restarts++;
    })();
    // Time passes faster than the wall clock for the jobs (see fastForward), from the kill on.
    clock = setInterval(() => void fastForward(db, deadWorkers).catch(() => {}), 400);
    const orders = Array.from({ length: options.checkouts }, (_, i) => `CHAOS-${options.round}-${i}`);
    const payments = await Promise.all(orders.map((order) => oneCustomer(call, base, order, progress)));
    await killer;

    await waitUntil(async () => {
      const c = await countEffects({
        db,
        sandbox: options.sandbox,
        tenantId,
        orders,
        payments,
        deliveries: options.hooks.deliveries,
      });
      return c.lost === 0;
    });
    clearInterval(clock);
    const counts = await countEffects({
      db,
      sandbox: options.sandbox,
      tenantId,
      orders,
      payments,
      deliveries: options.hooks.deliveries,
    });
    return {
      ...counts,
      killedAt: `${options.killAtStep}/${options.checkouts * STEPS_PER_CHECKOUT}`,
      cutRequests: call.cutRequests(),
      restarts,
      durationMs: Date.now() - started,
    };
  } finally {
    clearInterval(clock);
    await server.stop().catch(() => {});
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** One agency order: checkout, the customer pays and comes back, then two partial refunds. */
async function oneCustomer(
  call: ReturnType<typeof agencyClient>,
  base: string,
  order: string,
  progress: { done: number },
): Promise<{ order: string; paymentId: string; refunds: string[] }> {
  const checkout = await call(
    "POST",
    `${base}/checkouts`,
    { ...basket, order_reference: order },
    {
      idempotencyKey: `checkout-${order}`,
    },
  );
  if (checkout.status !== 201 && checkout.status !== 200)
    throw new Error(`checkout ${order}: ${checkout.status} ${JSON.stringify(checkout.body)}`);
  const paymentId: string = checkout.body.payment.id;
  progress.done++;
  const paid = await payOnHostedPage(checkout.body.redirect_url);
  if (!("redirect" in paid)) throw new Error(`hosted page stopped for ${order}`);
  progress.done++;
  // The customer's browser comes back (and reloads while the server is down).
  await retryFetch(paid.redirect);
  progress.done++;
  const refunds = [`${order}-RF1`, `${order}-RF2`];
  for (const [index, reference] of refunds.entries()) {
    const refund = await refundWhenAllowed(call, `${base}/payments/${paymentId}/refunds`, {
      amount: 1000 * (index + 1),
      reference,
    });
    if (![200, 201, 202].includes(refund.status))
      throw new Error(`refund ${reference}: ${refund.status} ${JSON.stringify(refund.body)}`);
    progress.done++;
  }
  return { order, paymentId, refunds };
}

/**
 * A 409 (the order is not marked paid yet: its platform call job has not run) is a final answer
 * for that request and its Idempotency-Key, so the agency asks again later under a new key; the
 * refund's `reference` still makes any two successful requests one refund.
 */
async function refundWhenAllowed(
  call: ReturnType<typeof agencyClient>,
  path: string,
  body: { amount: number; reference: string },
) {
  const deadline = Date.now() + 60_000;
  for (let attempt = 0; ; attempt++) {
    const answer = await call("POST", path, body, { idempotencyKey: `refund-${body.reference}-${attempt}` });
    if (answer.status !== 409 || Date.now() > deadline) return answer;
    await delay(200);
  }
}

async function retryFetch(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const status = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(15_000) })
      .then((r) => r.status)
      .catch(() => 0);
    if (status > 0 && status < 500) return;
    await delay(150);
  }
}

/**
 * Time is fast-forwarded for the jobs instead of waited for, and that is all these writes do: the
 * dead process's leases expire (as they would after the 60 s lease), and retries or safety nets
 * scheduled for later (a refund's 5-minute check, delivery backoff) become due now.
 */
async function fastForward(db: RoundDatabase, deadWorkers: string[]): Promise<void> {
  const dead = deadWorkers.map((w) => `'${w}'`).join(", ");
  if (dead)
    await db.exec(`UPDATE jobs SET lease_until = 0 WHERE state = 'running' AND leased_by IN (${dead})`);
  await db.exec(`UPDATE jobs SET run_at = 0 WHERE state IN ('pending', 'failed') AND run_at > 0`);
}

/**
 * While the server is dead, everything still claimed was claimed by it: job leases, Idempotency-Key
 * locks, checkout creation claims. Their timeouts (30 s to a few minutes) are what a real restart waits
 * out; here they run out at once, which is all this does. Nothing else is touched.
 */
async function expireDeadClaims(db: RoundDatabase): Promise<void> {
  await db.exec(`UPDATE jobs SET lease_until = 0 WHERE state = 'running'`);
  await db.exec(`UPDATE bridge_idempotency SET locked_until = 0 WHERE state = 'processing'`);
  await db.exec(`UPDATE bridge_orders SET creating_until = NULL WHERE creating_until IS NOT NULL`);
}

/** Lets the jobs drain: until nothing expected is missing, for at most a minute. */
async function waitUntil(done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && !(await done())) await delay(300);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}
