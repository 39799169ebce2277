import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  ALMA_URL,
  type BridgeHarness,
  createAgencyFor,
  startBridgeHarness,
} from "../testing/bridge-harness.ts";
import { almaKnowsMerchant } from "../testing/fixtures.ts";
import { BACKENDS } from "../testing/test-storage.ts";

describe.each(BACKENDS)("on %s", (_backend, postgres) => {
  let h: BridgeHarness;
  beforeAll(async () => {
    nock.disableNetConnect();
    nock.enableNetConnect("127.0.0.1");
    h = await startBridgeHarness({ postgres });
  });
  afterEach(() => nock.cleanAll());
  afterAll(async () => {
    nock.enableNetConnect();
    await h.close();
  });

  const TEST_KEY = "sk_test_boutiqueLyon0001";

  describe("merchants", () => {
    it("creates a merchant once its key is checked with Alma, then updates it", async () => {
      const { key } = await createAgencyFor(h);
      almaKnowsMerchant();
      const created = await h.api("PUT", "/bridge/v1/merchants/boutique-lyon", {
        key,
        body: { name: "Boutique Lyon", alma_test_key: TEST_KEY },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        object: "merchant",
        merchant_ref: "boutique-lyon",
        alma_mode: "test",
        alma_live_key: null,
      });
      expect(created.body.alma_test_key).not.toContain("boutiqueLyon");
      expect(JSON.stringify(h.logs)).not.toContain(TEST_KEY);

      const renamed = await h.api("PUT", "/bridge/v1/merchants/boutique-lyon", {
        key,
        body: { name: "Boutique de Lyon" },
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: "Boutique de Lyon", id: created.body.id });
      expect((await h.api("GET", "/bridge/v1/merchants", { key })).body.data).toHaveLength(1);
      expect(nock.isDone()).toBe(true);
    });

    it("refuses a key Alma refuses, and says so when Alma cannot be reached", async () => {
      const { key } = await createAgencyFor(h);
      nock(ALMA_URL).get("/v1/me/extended-data").reply(401, { message: "Invalid API key" });
      const refused = await h.api("PUT", "/bridge/v1/merchants/m1", {
        key,
        body: { name: "M", alma_test_key: "sk_test_wrongKey0001" },
      });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        type: "/bridge/problems/alma-key-rejected",
        field: "alma_test_key",
      });
      nock(ALMA_URL).get("/v1/me/extended-data").reply(503, { message: "maintenance" });
      const down = await h.api("PUT", "/bridge/v1/merchants/m1", {
        key,
        body: { name: "M", alma_test_key: "sk_test_wrongKey0001" },
      });
      expect(down.status).toBe(503);
      expect(down.body.type).toBe("/bridge/problems/alma-unavailable");
      const wrongKind = await h.api("PUT", "/bridge/v1/merchants/m1", {
        key,
        body: { name: "M", alma_test_key: "sk_live_abc" },
      });
      expect(wrongKind.body).toMatchObject({ status: 422, field: "alma_test_key" });
      const live = await h.api("PUT", "/bridge/v1/merchants/m1", {
        key,
        body: { name: "M", alma_mode: "live" },
      });
      expect(live.body).toMatchObject({ status: 422, field: "alma_live_key" });
      expect((await h.api("GET", "/bridge/v1/merchants/m1", { key })).status).toBe(404);
    });

    it("keeps each agency's merchants to itself, even under the same reference", async () => {
      const a = await createAgencyFor(h, "A");
      const b = await createAgencyFor(h, "B");
      almaKnowsMerchant(2);
      const mine = await h.api("PUT", "/bridge/v1/merchants/shared-ref", {
        key: a.key,
        body: { name: "A's", alma_test_key: TEST_KEY },
      });
      const theirs = await h.api("PUT", "/bridge/v1/merchants/shared-ref", {
        key: b.key,
        body: { name: "B's", alma_test_key: TEST_KEY },
      });
      expect(mine.body.id).not.toBe(theirs.body.id);
      expect((await h.api("GET", "/bridge/v1/merchants/shared-ref", { key: a.key })).body.name).toBe("A's");
      expect(
        (await h.api("GET", "/bridge/v1/merchants", { key: b.key })).body.data.map(
          (m: { name: string }) => m.name,
        ),
      ).toEqual(["B's"]);
      const c = await createAgencyFor(h, "C");
      const foreign = await h.api("GET", "/bridge/v1/merchants/shared-ref/payments", { key: c.key });
      expect(foreign.status).toBe(404);
      expect(foreign.body.type).toBe("/bridge/problems/merchant-not-found");
    });

    it("refuses merchant references that cannot be URL segments", async () => {
      const { key } = await createAgencyFor(h);
      const bad = await h.api("PUT", `/bridge/v1/merchants/${encodeURIComponent("a b")}`, {
        key,
        body: { name: "x" },
      });
      expect(bad.body).toMatchObject({ status: 422, field: "merchantRef", errors: [{ in: "path" }] });
    });
  });
});
