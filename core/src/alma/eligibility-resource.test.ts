import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlmaInputValidationError, AlmaInvalidRequestError } from "./errors.ts";
import { eligibilityListSchema } from "./schemas/eligibility.ts";
import { loadFixture } from "./testing/load-fixture.ts";
import { createTestClient, expectedHeaders, sandboxUrl } from "./testing/test-client.ts";

const api = () => nock(sandboxUrl, { reqheaders: expectedHeaders });
const queries = [
  { installments_count: 3, deferred_days: 0, deferred_months: 0 },
  { installments_count: 4, deferred_days: 0, deferred_months: 0 },
  { installments_count: 10, deferred_days: 0, deferred_months: 0 },
];

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("eligibility.check", () => {
  it("POSTs the v2 body and returns one item per query, not-eligible ones as values", async () => {
    const body = {
      purchase_amount: 45000,
      queries,
      billing_address: { country: "FR" },
      shipping_address: { country: "FR" },
      locale: "fr",
      origin: "online",
    };
    const scope = api().post("/v2/payments/eligibility", body).reply(200, loadFixture("eligibility/mixed"));
    const { alma } = createTestClient();
    const result = await alma.eligibility.check(body);
    expect(result.map((e) => e.eligible)).toEqual([true, true, false]);
    scope.done();
  });

  it("fills deferred_days and deferred_months with 0 when omitted", async () => {
    const scope = api()
      .post("/v2/payments/eligibility", {
        purchase_amount: 45000,
        queries: [{ installments_count: 3, deferred_days: 0, deferred_months: 0 }],
      })
      .reply(200, eligibilityListSchema.parse(loadFixture("eligibility/mixed")).slice(0, 1));
    const { alma } = createTestClient();
    await alma.eligibility.check({ purchase_amount: 45000, queries: [{ installments_count: 3 }] });
    scope.done();
  });

  it("is retried after a 5xx (a read, despite the POST)", async () => {
    const scope = api()
      .post("/v2/payments/eligibility")
      .reply(500)
      .post("/v2/payments/eligibility")
      .reply(200, loadFixture("eligibility/mixed"));
    const { alma } = createTestClient();
    await alma.eligibility.check({ purchase_amount: 45000, queries });
    scope.done();
  });

  it("maps the odd `running` error body", async () => {
    api().post("/v2/payments/eligibility").reply(400, loadFixture("errors/running"));
    const { alma } = createTestClient();
    await expect(alma.eligibility.check({ purchase_amount: 45000, queries })).rejects.toMatchObject({
      constructor: AlmaInvalidRequestError,
      message: "Alma could not process 'purchase_amount'",
    });
  });

  it("validates the query locally", async () => {
    const { alma } = createTestClient();
    await expect(alma.eligibility.check({ purchase_amount: 45000, queries: [] })).rejects.toBeInstanceOf(
      AlmaInputValidationError,
    );
    await expect(
      alma.eligibility.check({ purchase_amount: 45000, queries: [{ installments_count: 13 }] }),
    ).rejects.toThrow("eligibility.queries[0].installments_count");
  });
});
