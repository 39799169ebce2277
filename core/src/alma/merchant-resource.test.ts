import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlmaAuthenticationError, AlmaInputValidationError } from "./errors.ts";
import { loadFixture } from "./testing/load-fixture.ts";
import { createTestClient, expectedHeaders, sandboxUrl } from "./testing/test-client.ts";

const api = () => nock(sandboxUrl, { reqheaders: expectedHeaders });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("merchant.me", () => {
  it("GETs /v1/me/extended-data", async () => {
    const scope = api().get("/v1/me/extended-data").reply(200, loadFixture("merchant/extended-data"));
    const { alma } = createTestClient();
    const merchant = await alma.merchant.me();
    expect(merchant).toMatchObject({
      id: "merchant_11ZDXyCk2GNxpUGrVUN0YSDAAl6vgYZTtF",
      name: "Demo Boutique",
    });
    expect(merchant.fee_plans?.[3]).toMatchObject({ installments_count: 3, deferred_trigger_limit_days: 30 });
    scope.done();
  });

  it("reports a bad key as AlmaAuthenticationError, not retried", async () => {
    nock(sandboxUrl, { reqheaders: { authorization: "Alma-Auth sk_test_revoked" } })
      .get("/v1/me/extended-data")
      .once()
      .reply(401, loadFixture("errors/unauthorized"), { "x-request-id": "req_401" });
    const { alma, sleeps } = createTestClient({ apiKey: "sk_test_revoked" });
    await expect(alma.merchant.me()).rejects.toMatchObject({
      constructor: AlmaAuthenticationError,
      status: 401,
      message: "Credentials invalid or not supplied",
      requestId: "req_401",
    });
    expect(sleeps).toEqual([]);
  });
});

describe("merchant.feePlans", () => {
  it("defaults to kind=general, only=all, deferred=true", async () => {
    const scope = api()
      .get("/v1/me/fee-plans")
      .query({ kind: "general", only: "all", deferred: "true" })
      .reply(200, loadFixture("fee-plans/demo-merchant"));
    const { alma } = createTestClient();
    const plans = await alma.merchant.feePlans();
    expect(plans).toHaveLength(6);
    scope.done();
  });

  it("passes kind, a list of counts and deferred=false as literal strings", async () => {
    const scope = api()
      .get("/v1/me/fee-plans")
      .query({ kind: "pos", only: "3,4", deferred: "false" })
      .reply(200, []);
    const { alma } = createTestClient();
    await expect(alma.merchant.feePlans({ kind: "pos", only: [3, 4], deferred: false })).resolves.toEqual([]);
    scope.done();
  });

  it("refuses an empty list of counts", async () => {
    const { alma } = createTestClient();
    await expect(alma.merchant.feePlans({ only: [] })).rejects.toBeInstanceOf(AlmaInputValidationError);
  });
});
