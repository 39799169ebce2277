import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type SandboxServer, startSandboxServer } from "@alma-suite/alma-sandbox";
import { pay } from "@alma-suite/alma-sandbox/testing";
import { AlmaClient, SecretBox } from "@alma-suite/core";
import { coreJobHandlers, DASHBOARD_REFUND_JOB, requestDashboardRefund } from "@alma-suite/core/flows";
import {
  type JobDefinition,
  JobWorker,
  PostgresStorage,
  SqliteStorage,
  type Storage,
} from "@alma-suite/core/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FaultProxy, startFaultProxy } from "../support/fault-proxy.ts";
import { dropTestSchema, TEST_DATABASE_URL, testSchemaName } from "../support/test-database.ts";
import { waitFor } from "../support/wait-for.ts";

// Two workers, one refund job. Worker A leases it, reads Alma's refunds (none yet), then freezes
// (a GC pause, a frozen VM: its heartbeat cannot run) past its lease. Worker B takes the job over
// and makes the refund. When A wakes, its stale view says "not refunded yet": only the lease fence
// right before the POST keeps it from refunding a second time.
const ALMA_KEY = "sk_test_stalledLease0001";
const LEASE_MS = 400;
const A_STALE_FOR_MS = 1500;

let sandbox: SandboxServer;
let proxy: FaultProxy;
const quiet = { info() {}, warn() {}, error() {}, debug() {} };

beforeAll(async () => {
  sandbox = await startSandboxServer({ port: 0, ipnDelayMs: 60_000 });
  sandbox.sandbox.merchants.provision({ testKey: ALMA_KEY });
  proxy = await startFaultProxy(sandbox.url);
});
afterAll(async () => {
  await proxy?.close();
  await sandbox?.close();
});

const backends: [string, () => Promise<{ storage: Storage; cleanup: () => Promise<void> }>][] = [
  [
    "sqlite",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "stalled-lease-"));
      const storage = new SqliteStorage({ path: join(dir, "db.sqlite"), secretBox: box() });
      await storage.migrate();
      return { storage, cleanup: () => storage.close() };
    },
  ],
  [
    "postgres",
    async () => {
      const schema = testSchemaName("stalled");
      const storage = new PostgresStorage({ connectionString: TEST_DATABASE_URL, schema, secretBox: box() });
      await storage.migrate();
      return {
        storage,
        async cleanup() {
          await storage.close();
          await dropTestSchema(schema);
        },
      };
    },
  ],
];

describe.each(backends)("a refund job taken over from a stalled worker, on %s", (_name, open) => {
  let storage: Storage;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ storage, cleanup } = await open());
  });
  afterAll(async () => {
    await cleanup?.();
  });

  it("is made once at Alma: the stalled worker's fence fails and it sends nothing", async () => {
    const { refundId, almaPaymentId, tenantId } = await paidLinkWithRefundJob(
      storage,
      `stalled-${Date.now()}`,
    );
    const outcome = await raceTwoWorkers(storage, { fenced: true });
    expect(outcome.bFinished).toBe(1);
    expect(refundsAtAlma(almaPaymentId, refundId)).toHaveLength(1);
    // A's refund POST never left: the only refund POST reached Alma directly from B.
    expect(outcome.aRefundPosts).toBe(0);
    expect(await storage.getRefund(tenantId, refundId)).toMatchObject({ state: "succeeded" });
    const job = await storage.getJobByKey(`dashboard:refund:${refundId}`);
    expect(job).toMatchObject({ state: "done" });
  });

  it("without the fence the same schedule refunds twice (what the fence is for)", async () => {
    const { refundId, almaPaymentId } = await paidLinkWithRefundJob(storage, `unfenced-${Date.now()}`);
    const outcome = await raceTwoWorkers(storage, { fenced: false });
    expect(outcome.aRefundPosts).toBe(1);
    expect(refundsAtAlma(almaPaymentId, refundId)).toHaveLength(2);
  });
});

/** Runs A (through the proxy, frozen) and B (direct) on whatever dashboard refund job is due. */
async function raceTwoWorkers(storage: Storage, options: { fenced: boolean }) {
  const postsBefore = proxy.count("POST", /\/refund$/);
  proxy.inject({
    method: "GET",
    path: /^\/v1\/payments\/payment_/,
    times: 1,
    fault: { kind: "slow-answer", delayMs: A_STALE_FOR_MS },
  });
  const frozen = freezable(storage);
  const viaProxy = new AlmaClient({ apiKey: ALMA_KEY, baseUrl: proxy.url });
  const direct = new AlmaClient({ apiKey: ALMA_KEY, baseUrl: sandbox.url });
  const handlersA = refundHandlerOnly(viaProxy, storage);
  const handlersB = refundHandlerOnly(direct, storage);
  const workerA = new JobWorker({
    storage: frozen.storage,
    handlers: options.fenced ? handlersA : withoutFence(handlersA),
    workerId: "worker-a",
    leaseMs: LEASE_MS,
    concurrency: 1,
    onError: () => {},
  });
  const workerB = new JobWorker({
    storage,
    handlers: handlersB,
    workerId: "worker-b",
    leaseMs: 10_000,
    concurrency: 1,
  });

  frozen.freeze();
  const seenBefore = proxy.seen.length;
  const aRun = workerA.runOnce();
  // The lease is counted from A's read at Alma, not from runOnce: on a loaded machine A may take
  // longer than a lease to get there, and B would then simply take the job first.
  await waitFor("worker A's read at Alma", () =>
    proxy.seen.slice(seenBefore).some((s) => s.fault === "slow-answer"),
  );
  await new Promise((resolve) => setTimeout(resolve, LEASE_MS + 300));
  const bFinished = await workerB.runOnce();
  frozen.thaw();
  await aRun;
  proxy.clear();
  return { bFinished, aRefundPosts: proxy.count("POST", /\/refund$/) - postsBefore };
}

/** Both workers run only refund jobs, so each race is about this test's refund. */
function refundHandlerOnly(alma: AlmaClient, storage: Storage): Record<string, JobDefinition> {
  const all = coreJobHandlers({
    storage,
    almaFor: async () => alma,
    adapterFor: () => undefined,
    logger: quiet,
  });
  const handler = all[DASHBOARD_REFUND_JOB];
  if (!handler) throw new Error("core has no dashboard refund handler");
  return { [DASHBOARD_REFUND_JOB]: handler };
}

/** The worker's view of storage while its process is frozen: lease renewals wait for the thaw. */
function freezable(storage: Storage) {
  let thaw: () => void = () => {};
  let thawed: Promise<void> = Promise.resolve();
  const wrapped = new Proxy(storage, {
    get(target, property, receiver) {
      if (property === "extendLease") {
        return async (...args: Parameters<Storage["extendLease"]>) => {
          await thawed;
          return target.extendLease(...args);
        };
      }
      const value = Reflect.get(target, property, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return {
    storage: wrapped,
    freeze() {
      thawed = new Promise((resolve) => {
        thaw = resolve;
      });
    },
    thaw: () => thaw(),
  };
}

/** The refund code as it was before the fence: it trusts a lease it may no longer hold. */
function withoutFence(handlers: Record<string, JobDefinition>): Record<string, JobDefinition> {
  return Object.fromEntries(
    Object.entries(handlers).map(([type, handler]): [string, JobDefinition] => [
      type,
      {
        payload: handler.payload,
        run: (payload, ctx) => handler.run(payload, { ...ctx, renewLease: async () => true }),
      },
    ]),
  );
}

async function paidLinkWithRefundJob(storage: Storage, reference: string) {
  const { tenant } = await storage.createTenant({
    platform: "bridge",
    externalId: reference,
    name: reference,
  });
  await storage.setSecret(tenant.id, "alma_test_key", ALMA_KEY);
  const { link } = await storage.createPaymentLink({
    tenantId: tenant.id,
    platformOrderRef: reference,
    amountCents: 30000,
    currency: "EUR",
    planKey: "general_3_0_0",
  });
  const alma = new AlmaClient({ apiKey: ALMA_KEY, baseUrl: sandbox.url });
  const payment = await alma.payments.create({
    payment: {
      purchase_amount: 30000,
      installments_count: 3,
      return_url: "https://shop.example/return",
      custom_data: { payment_link_id: link.id },
    },
  });
  const paid = await pay(payment.url, { card: "4242424242424242" });
  if (paid.status !== 303) throw new Error(`the hosted page stopped at ${paid.outcome}`);
  await storage.transitionPayment(tenant.id, link.id, ["pending"], "paid", { almaPaymentId: payment.id });
  const requested = await requestDashboardRefund(storage, {
    tenantId: tenant.id,
    paymentLinkId: link.id,
    amountCents: 10000,
    idempotencyKey: reference,
  });
  if (requested.status !== "accepted") throw new Error(`refund not accepted: ${requested.status}`);
  return { refundId: requested.refund.id, almaPaymentId: payment.id, tenantId: tenant.id };
}

function refundsAtAlma(almaPaymentId: string, reference: string) {
  const record = sandbox.sandbox.store.payments.get(almaPaymentId);
  return record?.payment.refunds.filter((r) => r.merchant_reference === reference) ?? [];
}

function box(): SecretBox {
  return new SecretBox(SecretBox.generateKey());
}
