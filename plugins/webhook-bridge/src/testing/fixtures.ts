import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { ALMA_URL } from "./bridge-harness.ts";

const root = fileURLToPath(new URL("../../../../fixtures/", import.meta.url));

/** `fixtures/<system>/<name>.json`, parsed, fresh on each call. */
export function loadFixture<T = Record<string, unknown>>(system: "alma" | "bridge", name: string): T {
  return JSON.parse(readFileSync(`${root}${system}/${name}.json`, "utf8")) as T;
}

/** Alma's answers for a merchant whose key works, with the demo fee plans. */
export function almaKnowsMerchant(times = 1): void {
  nock(ALMA_URL)
    .get("/v1/me/extended-data")
    .times(times)
    .reply(200, loadFixture("alma", "merchant/extended-data"));
}

export function almaFeePlans(times = 1): void {
  nock(ALMA_URL)
    .get("/v1/me/fee-plans")
    .query(true)
    .times(times)
    .reply(200, loadFixture("alma", "fee-plans/demo-merchant"));
}

/** A payment as Alma holds it: the 3x fixture with our amount, id and state. */
export function almaPayment(fields: Record<string, unknown>): Record<string, unknown> {
  return { ...loadFixture("alma", "payments/in-progress-3x"), ...fields };
}

/** Eligibility the way Alma answers it: one item per query; 1x plans refused, others eligible in equal parts. */
export function almaEligibility(): void {
  let asked: unknown;
  nock(ALMA_URL)
    .post("/v2/payments/eligibility", (body) => {
      asked = body;
      return true;
    })
    // A reply function taking arguments is run callback-style by nock 15 under fetch: take none.
    .reply(200, () => {
      const { purchase_amount: amount, queries } = asked as {
        purchase_amount: number;
        queries: { installments_count: number; deferred_days: number; deferred_months: number }[];
      };
      return queries.map((q) =>
        q.installments_count === 1
          ? {
              eligible: false,
              ...q,
              reasons: { purchase_amount: "invalid_value" },
              constraints: { purchase_amount: { minimum: 5000, maximum: 40000 } },
            }
          : {
              eligible: true,
              ...q,
              purchase_amount: amount,
              customer_fee: 0,
              customer_interest: 0,
              customer_total_cost_amount: 0,
              payment_plan: Array.from({ length: q.installments_count }, (_, i) => ({
                due_date: 1_768_471_200 + i * 2_678_400,
                purchase_amount: amount / q.installments_count,
                customer_fee: 0,
                customer_interest: 0,
                total_amount: amount / q.installments_count,
              })),
            },
      );
    });
}

/** Nock matcher that keeps the JSON body it sees, for assertions on what was sent to Alma. */
export function capture(into: { body?: Record<string, unknown> }) {
  return (body: Record<string, unknown>) => {
    into.body = body;
    return true;
  };
}
