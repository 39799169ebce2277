import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { MutationPayload } from "../session-mutations/mutation-job.ts";
import {
  ALMA_TEST_URL,
  almaPayment,
  memoryStorage,
  silentLogger,
  unitAlma,
} from "../testing/unit-support.ts";
import { processRefund } from "./process-refund.ts";

const PID = "payment_11refundUnit";

async function setup(amountCents: number, refundCents: number) {
  const storage = await memoryStorage();
  const { tenant } = await storage.createTenant({
    platform: "shopify",
    externalId: "r.myshopify.com",
    name: "r",
  });
  const { link } = await storage.createPaymentLink({
    tenantId: tenant.id,
    platformOrderRef: "s1",
    amountCents,
    currency: "EUR",
    almaPaymentId: PID,
    state: "paid",
  });
  await storage.createRefund({
    tenantId: tenant.id,
    paymentLinkId: link.id,
    platformRefundRef: "r1",
    amountCents: refundCents,
    origin: "platform",
  });
  const payload = {
    tenantId: tenant.id,
    paymentLinkId: link.id,
    refundSessionId: "r1",
    gid: "gid://shopify/RefundSession/r1",
  };
  const deps = { storage, almaFor: async () => unitAlma(), logger: silentLogger };
  const mutations = async () =>
    (await storage.listJobs({ type: "shopify:mutation" })).map((j) => {
      const p = j.payload as MutationPayload;
      return [p.name, p.variables];
    });
  return { storage, tenantId: tenant.id, link, payload, deps, mutations };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.isDone()).toBe(true);
  nock.cleanAll();
});

describe("processRefund", () => {
  it("refunds a part with merchant_reference = the refund session, then queues refundSessionResolve", async () => {
    const { storage, tenantId, link, payload, deps, mutations } = await setup(30000, 10000);
    nock(ALMA_TEST_URL)
      .get(`/v1/payments/${PID}`)
      .reply(200, almaPayment({ id: PID }));
    nock(ALMA_TEST_URL)
      .post(`/v1/payments/${PID}/refund`, {
        amount: 10000,
        merchant_reference: "r1",
        comment: "Refund from Shopify",
      })
      .reply(
        200,
        almaPayment({ id: PID, refunds: [{ id: "refund_1", amount: 10000, merchant_reference: "r1" }] }),
      );
    await processRefund(deps, payload);
    expect(await storage.findRefundByPlatformRef(tenantId, "r1")).toMatchObject({
      state: "succeeded",
      almaRefundId: "refund_1",
    });
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("partially_refunded");
    expect(await mutations()).toEqual([["refundSessionResolve", { id: payload.gid }]]);
  });

  it("never refunds twice: a refund Alma already holds under the reference is adopted", async () => {
    const { storage, tenantId, link, payload, deps, mutations } = await setup(30000, 30000);
    nock(ALMA_TEST_URL)
      .get(`/v1/payments/${PID}`)
      .reply(
        200,
        almaPayment({
          id: PID,
          refunds: [{ id: "refund_earlier", amount: 30500, merchant_reference: "r1" }],
        }),
      );
    await processRefund(deps, payload);
    await processRefund(deps, payload); // the job runs again: nothing more at Alma
    expect(await storage.findRefundByPlatformRef(tenantId, "r1")).toMatchObject({
      state: "succeeded",
      almaRefundId: "refund_earlier",
    });
    expect((await storage.getPaymentLink(tenantId, link.id))?.state).toBe("refunded");
    expect(await mutations()).toEqual([["refundSessionResolve", { id: payload.gid }]]);
  });

  it("sends a refund of everything as Alma's full refund, without amount", async () => {
    const { payload, deps } = await setup(30000, 30000);
    nock(ALMA_TEST_URL)
      .get(`/v1/payments/${PID}`)
      .reply(200, almaPayment({ id: PID }));
    nock(ALMA_TEST_URL)
      .post(
        `/v1/payments/${PID}/refund`,
        (body) => body.amount === undefined && body.merchant_reference === "r1",
      )
      .reply(
        200,
        almaPayment({ id: PID, refunds: [{ id: "refund_full", amount: 30500, merchant_reference: "r1" }] }),
      );
    await processRefund(deps, payload);
  });

  it("rejects the refund session with Alma's reason when Alma refuses", async () => {
    const { storage, tenantId, payload, deps, mutations } = await setup(30000, 10000);
    nock(ALMA_TEST_URL)
      .get(`/v1/payments/${PID}`)
      .reply(200, almaPayment({ id: PID }));
    nock(ALMA_TEST_URL)
      .post(`/v1/payments/${PID}/refund`)
      .reply(400, {
        error_code: "validation_error",
        errors: [{ message: "Le montant dépasse le montant remboursable" }],
      });
    await processRefund(deps, payload);
    expect(await storage.findRefundByPlatformRef(tenantId, "r1")).toMatchObject({ state: "failed" });
    const [name, variables] = (
      (await mutations()) as [string, { reason: { merchantMessage: string } }][]
    )[0]!;
    expect(name).toBe("refundSessionReject");
    expect(variables.reason.merchantMessage).toMatch(/^Alma: .*remboursable/);
  });

  it("leaves a refund for the retry when Alma is unreachable", async () => {
    const { storage, tenantId, payload, deps, mutations } = await setup(30000, 10000);
    nock(ALMA_TEST_URL).get(`/v1/payments/${PID}`).reply(503, { message: "down" });
    await expect(processRefund(deps, payload)).rejects.toThrow();
    expect(await storage.findRefundByPlatformRef(tenantId, "r1")).toMatchObject({ state: "pending" });
    expect(await mutations()).toEqual([]);
  });
});
