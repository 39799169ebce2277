import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import type { PlanSetting } from "../tenants/shop-settings.ts";
import { ALMA_TEST_URL, unitAlma } from "../testing/unit-support.ts";
import { chooseOffers } from "./choose-offers.ts";

const plan = (key: string, extra: Partial<PlanSetting> = {}): PlanSetting => ({
  key,
  enabled: true,
  minCents: 5000,
  maxCents: 200000,
  almaMinCents: 5000,
  almaMaxCents: 200000,
  triggerLimitDays: null,
  ...extra,
});
const plans = [
  plan("general_3_0_0", { triggerLimitDays: 30 }),
  plan("general_4_0_0"),
  plan("general_10_0_0", { enabled: false }),
];
const input = {
  alma: unitAlma(),
  plans,
  amountCents: 45000,
  currency: "EUR",
  kind: "sale" as const,
  billingCountry: "FR",
  shippingCountry: null,
};
const eligible = (n: number) => ({
  eligible: true,
  installments_count: n,
  deferred_days: 0,
  deferred_months: 0,
  purchase_amount: 45000,
  customer_fee: 653,
  customer_total_cost_amount: 653,
  payment_plan: [
    {
      due_date: 1_780_000_000,
      purchase_amount: 15000,
      customer_fee: 653,
      customer_interest: 0,
      total_amount: 15653,
    },
    {
      due_date: 1_782_000_000,
      purchase_amount: 15000,
      customer_fee: 0,
      customer_interest: 0,
      total_amount: 15000,
    },
  ],
});

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.isDone()).toBe(true);
  nock.cleanAll();
});

describe("chooseOffers", () => {
  it("asks Alma about the enabled plans only and keeps the eligible ones, priced", async () => {
    nock(ALMA_TEST_URL)
      .post("/v2/payments/eligibility", {
        purchase_amount: 45000,
        queries: [
          { installments_count: 3, deferred_days: 0, deferred_months: 0 },
          { installments_count: 4, deferred_days: 0, deferred_months: 0 },
        ],
        billing_address: { country: "FR" },
      })
      .reply(200, [
        eligible(3),
        { eligible: false, installments_count: 4, deferred_days: 0, deferred_months: 0, reasons: {} },
      ]);
    expect(await chooseOffers(input)).toEqual({
      kind: "offers",
      offers: [
        {
          planKey: "general_3_0_0",
          installmentsCount: 3,
          deferredDays: 0,
          deferredMonths: 0,
          customerFeeCents: 653,
          totalCostCents: 653,
          annualInterestRate: null,
          schedule: [
            { dueDate: 1_780_000_000, totalCents: 15653 },
            { dueDate: 1_782_000_000, totalCents: 15000 },
          ],
        },
      ],
    });
  });

  it("offers only plans that can wait for a capture to an authorization", async () => {
    nock(ALMA_TEST_URL)
      .post(
        "/v2/payments/eligibility",
        (body) => body.queries.length === 1 && body.queries[0].installments_count === 3,
      )
      .reply(200, [eligible(3)]);
    const decision = await chooseOffers({ ...input, kind: "authorization" });
    expect(decision.kind === "offers" && decision.offers.map((o) => o.planKey)).toEqual(["general_3_0_0"]);
    const none = await chooseOffers({ ...input, kind: "authorization", plans: [plan("general_4_0_0")] });
    expect(none).toMatchObject({ kind: "rejected", code: "PROCESSING_ERROR" });
  });

  it.each([
    [{ currency: "USD" }, "INVALID_CURRENCY"],
    [{ amountCents: 4999 }, "AMOUNT_TOO_SMALL"],
    [{ amountCents: 200001 }, "AMOUNT_TOO_LARGE"],
    [{ plans: [plan("general_3_0_0", { enabled: false })] }, "PROCESSING_ERROR"],
    [
      {
        amountCents: 90000,
        plans: [plan("general_3_0_0", { maxCents: 80000 }), plan("general_4_0_0", { minCents: 100000 })],
      },
      "PROCESSING_ERROR",
    ],
  ])("rejects %j as %s without asking Alma", async (change, code) => {
    expect(await chooseOffers({ ...input, ...change })).toMatchObject({ kind: "rejected", code });
  });

  it("turns Alma's amount constraints into the matching reason", async () => {
    const outside = (n: number) => ({
      eligible: false,
      installments_count: n,
      deferred_days: 0,
      deferred_months: 0,
      reasons: { purchase_amount: "invalid_value" },
      constraints: { purchase_amount: { minimum: 50000, maximum: 200000 } },
    });
    nock(ALMA_TEST_URL)
      .post("/v2/payments/eligibility")
      .reply(200, [outside(3), outside(4)]);
    expect(await chooseOffers(input)).toMatchObject({ kind: "rejected", code: "AMOUNT_TOO_SMALL" });
  });
});
