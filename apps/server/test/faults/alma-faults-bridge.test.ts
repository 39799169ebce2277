import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { SQLITE_FILE_NAME } from "@alma-suite/core/storage";
import { payOnHostedPage } from "@alma-suite/webhook-bridge/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { basket, type FaultStack, startFaultStack } from "../support/fault-stack.ts";
import { waitFor } from "../support/wait-for.ts";

// Alma misbehaving behind the bridge: every count below is taken at the sandbox (what "Alma"
// really holds) or at the proxy (what reached it), never from our own records alone.
let stack: FaultStack;
let order = 0;

beforeAll(async () => {
  stack = await startFaultStack();
});
afterAll(async () => {
  await stack?.close();
});
beforeEach(() => stack.proxy.clear());

const checkout = (reference: string) =>
  stack.api("POST", `${stack.base}/checkouts`, { ...basket, order_reference: reference });
const paymentsFor = (reference: string) =>
  stack.almaPayments().filter((p) => JSON.stringify(p.custom_data).includes(`"${reference}"`));
const creations = () => stack.proxy.count("POST", /^\/v1\/payments$/);

describe("checkout while Alma fails", () => {
  it("retries reads that answer 500, and creates exactly one payment", async () => {
    const reference = `FAULT-500-${++order}`;
    stack.proxy.inject({
      method: "GET",
      path: /fee-plans/,
      times: 2,
      fault: { kind: "status", status: 500 },
    });
    const answer = await checkout(reference);
    expect(answer.status).toBe(201);
    expect(stack.proxy.seen.filter((s) => /fee-plans/.test(s.path)).length).toBeGreaterThanOrEqual(3);
    expect(paymentsFor(reference)).toHaveLength(1);
  });

  it("waits out a 429's Retry-After on payment creation and creates one payment", async () => {
    const reference = `FAULT-429-${++order}`;
    const before = creations();
    stack.proxy.inject({
      method: "POST",
      path: /^\/v1\/payments$/,
      times: 1,
      fault: { kind: "status", status: 429, retryAfter: "1" },
    });
    const answer = await checkout(reference);
    expect(answer.status).toBe(201);
    expect(answer.ms).toBeGreaterThanOrEqual(1000);
    expect(creations() - before).toBe(1);
    expect(paymentsFor(reference)).toHaveLength(1);
  });

  it("answers a clear 503 with Retry-After within the budget when Alma hangs, then the retry works", async () => {
    const reference = `FAULT-HANG-${++order}`;
    stack.proxy.inject({ method: "POST", path: /^\/v1\/payments$/, times: 1, fault: { kind: "hang" } });
    const hung = await checkout(reference);
    expect(hung.status).toBe(503);
    expect(hung.headers.get("content-type")).toContain("application/problem+json");
    expect(hung.headers.get("retry-after")).toBe("5");
    expect(hung.body).toMatchObject({ type: "/bridge/problems/alma-unavailable", status: 503 });
    expect(JSON.stringify(hung.body)).not.toMatch(/\bat .*\.ts:\d+/); // no stack trace
    expect(hung.ms).toBeLessThan(5000);
    expect(paymentsFor(reference)).toHaveLength(0);

    const retried = await checkout(reference);
    expect(retried.status).toBe(201);
    expect(paymentsFor(reference)).toHaveLength(1);
  });

  it("still succeeds when Alma is slow but answers within the budget", async () => {
    const reference = `FAULT-SLOW-${++order}`;
    stack.proxy.inject({
      method: "POST",
      path: /^\/v1\/payments$/,
      times: 1,
      fault: { kind: "slow", delayMs: 1500 },
    });
    const answer = await checkout(reference);
    expect(answer.status).toBe(201);
    expect(answer.ms).toBeGreaterThanOrEqual(1500);
    expect(paymentsFor(reference)).toHaveLength(1);
  });

  it("never resends a payment creation whose answer was lost, and adopts it on the agency's retry", async () => {
    const reference = `FAULT-AMBIG-${++order}`;
    stack.proxy.inject({
      method: "POST",
      path: /^\/v1\/payments$/,
      times: 1,
      fault: { kind: "lose-answer" },
    });
    const lost = await checkout(reference);
    expect(lost.status).toBe(503);
    // The creation reached Alma once and was not repeated by the client's retries.
    expect(paymentsFor(reference)).toHaveLength(1);
    // The agency retries: the payment Alma made is found by our link id and adopted, not made again.
    const retried = await checkout(reference);
    expect(retried.status).toBe(201);
    expect(paymentsFor(reference)).toHaveLength(1);
    expect(retried.body.payment.alma_payment_id).toBe(paymentsFor(reference)[0]?.id);
  });
});

describe("refunds while Alma fails", () => {
  async function paidCheckout(reference: string): Promise<string> {
    const created = await checkout(reference);
    expect(created.status).toBe(201);
    const paid = await payOnHostedPage(created.body.redirect_url);
    if (!("redirect" in paid)) throw new Error("the hosted page stopped");
    // The customer's return confirms the payment with Alma (through the proxy).
    const back = await fetch(paid.redirect, { redirect: "manual" });
    expect(back.status).toBe(303);
    const id: string = created.body.payment.id;
    // The order is marked paid by a platform call job; refunds open once it has run.
    await waitFor(
      "the order marked paid",
      async () =>
        (await stack.server.storage.listJobs({ type: "platform:call" })).every((j) => j.state === "done"),
      15_000,
    );
    return id;
  }
  const refundsAtAlma = (reference: string, refundRef: string) =>
    paymentsFor(reference)[0]?.refunds.filter((r) => r.merchant_reference === refundRef) ?? [];

  it("recovers a refund whose answer was lost by its reference, and refunds once", async () => {
    const reference = `FAULT-RF-${++order}`;
    const paymentId = await paidCheckout(reference);
    stack.proxy.inject({ method: "POST", path: /\/refund$/, times: 1, fault: { kind: "lose-answer" } });
    const refund = await stack.api("POST", `${stack.base}/payments/${paymentId}/refunds`, {
      amount: 10000,
      reference: "RF-LOST-1",
    });
    expect(refund.status).toBe(201);
    expect(refund.body.refund).toMatchObject({ status: "succeeded", amount: 10000 });
    expect(refundsAtAlma(reference, "RF-LOST-1")).toHaveLength(1);
  });

  it("answers 202 while Alma keeps failing, and the refund is made once when the job runs", async () => {
    const reference = `FAULT-RF-${++order}`;
    const paymentId = await paidCheckout(reference);
    stack.proxy.inject({
      method: "POST",
      path: /\/refund$/,
      times: Infinity,
      fault: { kind: "status", status: 503 },
    });
    const refund = await stack.api("POST", `${stack.base}/payments/${paymentId}/refunds`, {
      amount: 5000,
      reference: "RF-DOWN-1",
    });
    expect(refund.status).toBe(202);
    expect(refund.body.refund).toMatchObject({ status: "pending" });
    expect(refundsAtAlma(reference, "RF-DOWN-1")).toHaveLength(0);

    stack.proxy.clear();
    const job = (await stack.server.storage.listJobs({ type: "bridge:refund" })).find(
      (j) => (j.payload as { refundId?: string }).refundId === refund.body.refund.id,
    );
    expect(job).toBeDefined();
    await makeDue(stack, job!.id);
    await waitFor(
      "the safety-net job run",
      async () => (await stack.server.storage.getJob(job!.id))?.state === "done",
      15_000,
    );
    expect(refundsAtAlma(reference, "RF-DOWN-1")).toHaveLength(1);
    const after = await stack.api("GET", `${stack.base}/payments/${paymentId}`);
    expect(after.body).toMatchObject({ refunded_amount: 5000 });
  });
});

/** The safety-net job is due in 5 minutes: the test moves its due time instead of waiting. */
async function makeDue(s: FaultStack, jobId: string): Promise<void> {
  const db = new DatabaseSync(join(s.dataDir, SQLITE_FILE_NAME));
  try {
    db.prepare("UPDATE jobs SET run_at = 0 WHERE id = ?").run(jobId);
  } finally {
    db.close();
  }
}
