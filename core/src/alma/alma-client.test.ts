import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { AlmaClient } from "./alma-client.ts";
import { AlmaConfigurationError } from "./errors.ts";
import { loadFixture } from "./testing/load-fixture.ts";
import { liveUrl, sandboxUrl } from "./testing/test-client.ts";

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

describe("AlmaClient configuration", () => {
  it("uses the sandbox for sk_test_ keys and the live API for sk_live_ keys", async () => {
    const test = new AlmaClient({ apiKey: "sk_test_abc" });
    const live = new AlmaClient({ apiKey: "sk_live_abc" });
    expect([test.mode, test.baseUrl]).toEqual(["test", sandboxUrl]);
    expect([live.mode, live.baseUrl]).toEqual(["live", liveUrl]);
    const scope = nock(liveUrl, { reqheaders: { authorization: "Alma-Auth sk_live_abc" } })
      .get("/v1/me/extended-data")
      .reply(200, loadFixture("merchant/extended-data"));
    await live.merchant.me();
    scope.done();
  });

  it("lets baseUrl override the host while the key still decides the mode", () => {
    const local = new AlmaClient({ apiKey: "sk_live_abc", baseUrl: "http://127.0.0.1:4010/alma-sandbox/" });
    expect([local.mode, local.baseUrl]).toEqual(["live", "http://127.0.0.1:4010/alma-sandbox"]);
  });

  it.each(["pk_test_abc", "merchant_11abc", "sk_abc", "SK_TEST_abc", ""])("rejects the key %j", (apiKey) => {
    expect(() => new AlmaClient({ apiKey })).toThrow(AlmaConfigurationError);
  });

  it("does not echo more than the first characters of a rejected key", () => {
    expect(() => new AlmaClient({ apiKey: "xk_live_supersecret" })).toThrow(/starting with "xk_"\)$/);
  });

  it("rejects impossible settings", () => {
    expect(() => new AlmaClient({ apiKey: "sk_test_a", baseUrl: "not a url" })).toThrow(
      AlmaConfigurationError,
    );
    expect(() => new AlmaClient({ apiKey: "sk_test_a", baseUrl: "ftp://x" })).toThrow(AlmaConfigurationError);
    expect(() => new AlmaClient({ apiKey: "sk_test_a", timeoutMs: 0 })).toThrow(AlmaConfigurationError);
    expect(() => new AlmaClient({ apiKey: "sk_test_a", maxRetries: -1 })).toThrow(AlmaConfigurationError);
    expect(() => new AlmaClient({ apiKey: "sk_test_a", maxRetries: 1.5 })).toThrow(AlmaConfigurationError);
    expect(new AlmaClient({ apiKey: "sk_test_a", maxRetries: 0 }).mode).toBe("test");
  });
});
