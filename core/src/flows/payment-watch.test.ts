import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadFixtureObject } from "../alma/testing/load-fixture.ts";
import { createTestClient, sandboxUrl } from "../alma/testing/test-client.ts";
import type { JobContext } from "../jobs/job-worker.ts";
import { CHECK_DELAYS_MS } from "../storage/check-schedule.ts";
import { memoryStorage } from "../testing/memory-storage.ts";
import { coreJobHandlers } from "./core-job-handlers.ts";
import {
  CHECK_PAYMENT_JOB,
  checkPayment,
  enqueueDuePaymentChecks,
  paymentWatchJobs,
} from "./payment-watch.ts";
import { CONFIRM_PAYMENT_JOB, PLATFORM_CALL_JOB } from "./platform-call.ts";

const PID = "payment_11watchTestAbcdef";
const silent = { info() {}, warn() {}, error() {}, debug() {} };

async function setup() {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({
    platform: "woocommerce",
    externalId: "https://shop.test",
    name: "Shop",
    almaMode: "test",
  });
  const { link } = await storage.createPaymentLink({
    tenantId: tenant.id,
    platformOrderRef: "order-7",
    amountCents: 35199,
    currency: "EUR",
    almaPaymentId: PID,
  });
  const modes: (string | undefined)[] = [];
  const { alma } = createTestClient();
  const almaFor = async (_tenantId: string, call?: { mode?: string }) => {
    modes.push(call?.mode);
    return alma;
  };
  return { storage, tenantId: tenant.id, link, almaFor, modes };
}

function almaAnswers(fields: Record<string, unknown>, times = 1) {
  const payment = {
    ...loadFixtureObject("payments/in-progress-3x"),
    id: PID,
    purchase_amount: 35199,
    ...fields,
  };
  nock(sandboxUrl).get(`/v1/payments/${PID}`).times(times).reply(200, payment);
}

describe("the payment watch", () => {
  beforeEach(() => nock.disableNetConnect());
  afterEach(() => {
    nock.cleanAll();
    nock.enableNetConnect();
  });

  it("confirms once when notifications and checks race, whichever comes first", async () => {
    const { storage, tenantId, link, almaFor } = await setup();
    almaAnswers({ state: "in_progress" }, 20);
    const ipn = coreJobHandlers({ storage, almaFor, adapterFor: () => undefined, logger: silent })[
      CONFIRM_PAYMENT_JOB
    ]!.run;
    const deps = { storage, almaFor, logger: silent, now: Date.now };
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? ipn({ tenantId, almaPaymentId: PID, paymentLinkId: link.id, almaMode: "test" }, {} as JobContext)
          : checkPayment(deps, { tenantId, paymentLinkId: link.id }),
      ),
    );
    const calls = await storage.listJobs({ type: PLATFORM_CALL_JOB });
    expect(calls).toHaveLength(1);
    const events = await storage.listPaymentEvents(tenantId, link.id);
    expect(events.map((e) => e.type)).toEqual(["payment.accepted"]);
    const after = await storage.getPaymentLink(tenantId, link.id);
    expect(after).toMatchObject({ state: "paid", nextCheckAt: null });
  });

  it("asks the Alma account of the payment's own mode, after the tenant switched", async () => {
    const { storage, tenantId, link, almaFor, modes } = await setup();
    await storage.updateTenant(tenantId, { almaMode: "live" });
    almaAnswers({ state: "not_started", expired_at: null });
    const report = await checkPayment(
      { storage, almaFor, logger: silent, now: Date.now },
      { tenantId, paymentLinkId: link.id },
    );
    expect(modes).toEqual(["test"]);
    expect(report).toMatchObject({ outcome: "not_decided", checkAttempts: 1 });
  });

  it("queues each due link once however many sweeps run, and schedules the next check from the job", async () => {
    const { storage, tenantId, link, almaFor } = await setup();
    let now = Date.now();
    const sweep = { storage, now: () => now };
    expect(await enqueueDuePaymentChecks(sweep)).toBe(0);
    now += (CHECK_DELAYS_MS[0] ?? 0) + 1000;
    expect(await enqueueDuePaymentChecks(sweep)).toBe(1);
    expect(await enqueueDuePaymentChecks(sweep)).toBe(0); // claimed by its queued job
    const [job] = await storage.listJobs({ type: CHECK_PAYMENT_JOB });
    expect(job?.payload).toEqual({ tenantId, paymentLinkId: link.id });

    almaAnswers({ state: "not_started", expired_at: null });
    await paymentWatchJobs({ storage, almaFor, logger: silent, now: () => now })[CHECK_PAYMENT_JOB]!.run(
      job?.payload,
      {} as JobContext,
    );
    const checked = await storage.getPaymentLink(tenantId, link.id);
    expect(checked).toMatchObject({
      state: "pending",
      checkAttempts: 1,
      nextCheckAt: now + (CHECK_DELAYS_MS[1] ?? 0),
    });
  });

  it("counts a check Alma could not answer and tries again on the schedule, not at once", async () => {
    const { storage, tenantId, link } = await setup();
    const almaFor = async () => {
      throw new Error("tenant has no Alma test key");
    };
    const now = Date.now();
    const report = await checkPayment(
      { storage, almaFor, logger: silent, now: () => now },
      { tenantId, paymentLinkId: link.id },
    );
    expect(report).toEqual({
      outcome: "alma_unreachable",
      checkAttempts: 1,
      nextCheckAt: now + (CHECK_DELAYS_MS[1] ?? 0),
    });
  });

  it("stops checking a link after a month", async () => {
    const { storage, tenantId, link } = await setup();
    const almaFor = async () => {
      throw new Error("unreachable");
    };
    const now = link.createdAt + 30 * 86_400_000;
    const report = await checkPayment(
      { storage, almaFor, logger: silent, now: () => now },
      { tenantId, paymentLinkId: link.id },
    );
    expect(report?.nextCheckAt).toBeNull();
    expect((await storage.listDuePaymentChecks(Number.MAX_SAFE_INTEGER, 10)).map((l) => l.id)).toEqual([]);
  });
});
