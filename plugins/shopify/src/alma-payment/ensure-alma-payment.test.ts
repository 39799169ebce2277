import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { pageLinks } from "../checkout-pages/page-links.ts";
import { ALMA_TEST_URL, almaPayment, sessionLink, unitAlma } from "../testing/unit-support.ts";
import { ensureAlmaPayment } from "./ensure-alma-payment.ts";

const offer = {
  planKey: "general_3_0_0",
  installmentsCount: 3,
  deferredDays: 0,
  deferredMonths: 0,
  customerFeeCents: 0,
  totalCostCents: 0,
  annualInterestRate: null,
  schedule: [],
};

async function setup() {
  const { storage, tenantId, link } = await sessionLink({
    offers: [offer],
    customer: { email: "c@example.com", phone: null, locale: "fr", billing: null, shipping: null },
  });
  let now = 1_000_000;
  const deps = {
    storage,
    alma: unitAlma(),
    publicUrl: "https://app.example",
    links: pageLinks({ publicUrl: "https://app.example", signingKey: "k" }),
    now: () => now,
    // Long enough for the racers to see the winner's payment; the busy paths below wait it out.
    waitMs: 1000,
  };
  /** Another request claimed this generation of the creation at `claimedAt` (and may have died since). */
  const claimed = async (generation: number, claimedAt: number) => {
    await storage.markNotificationProcessed(`shopify:alma-create:${link.id}:${generation}`);
    const current = (await storage.getPaymentLink(tenantId, link.id))!;
    const almaCreation = { generation, claimedAt, lookFrom: null };
    await storage.updatePaymentLink(tenantId, link.id, { custom: { ...current.custom, almaCreation } });
  };
  return { storage, tenantId, link, deps, claimed, advance: (ms: number) => (now += ms) };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.isDone()).toBe(true);
  nock.cleanAll();
});

describe("ensureAlmaPayment", () => {
  it("creates one Alma payment however many requests race, then forgets the buyer's details", async () => {
    const { storage, tenantId, link, deps } = await setup();
    nock(ALMA_TEST_URL)
      .post("/v1/payments", (body) => body.payment.custom_data.payment_link_id === link.id)
      .delay(50)
      .reply(200, almaPayment({ id: "payment_11once" }));
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        ensureAlmaPayment(deps, { tenantId, linkId: link.id, planKey: "general_3_0_0" }),
      ),
    );
    expect(new Set(results.map((r) => (r.ok ? r.almaPaymentId : r.reason)))).toEqual(
      new Set(["payment_11once"]),
    );
    const saved = (await storage.getPaymentLink(tenantId, link.id))!;
    expect(saved).toMatchObject({ almaPaymentId: "payment_11once", planKey: "general_3_0_0" });
    expect(saved.custom.shopifySession).toMatchObject({
      customer: null,
      almaUrl: expect.stringContaining("payment_11unitTest"),
    });
  });

  it("never keeps a claim whose time could not be written: the next request creates the payment", async () => {
    const { storage, tenantId, link, deps } = await setup();
    // The first write of the link fails (a full disk, a lost connection), wherever it is made.
    let failures = 1;
    const failOnce = <S extends object>(target: S, more: Partial<S> = {}): S =>
      new Proxy(target, {
        get(object, name, receiver) {
          if (name in more) return more[name as keyof S];
          const value = Reflect.get(object, name, receiver);
          if (name !== "updatePaymentLink" || typeof value !== "function") return value;
          return (...args: unknown[]) => {
            if (failures-- > 0) return Promise.reject(new Error("disk I/O error"));
            return value.apply(object, args);
          };
        },
      });
    const flaky = failOnce(storage, {
      transaction: (fn) => storage.transaction((tx) => fn(failOnce(tx))),
    });
    const input = { tenantId, linkId: link.id, planKey: "general_3_0_0" };
    await expect(ensureAlmaPayment({ ...deps, storage: flaky, waitMs: 100 }, input)).rejects.toThrow(
      "disk I/O error",
    );
    nock(ALMA_TEST_URL)
      .post("/v1/payments")
      .reply(200, almaPayment({ id: "payment_11afterFailure" }));
    expect(await ensureAlmaPayment({ ...deps, storage: flaky, waitMs: 100 }, input)).toMatchObject({
      ok: true,
      almaPaymentId: "payment_11afterFailure",
    });
  });

  it("never erases a newer claim when it finds an old one stale", async () => {
    const { storage, tenantId, link, deps, claimed, advance } = await setup();
    await claimed(0, 1_000_000);
    advance(3 * 60_000);
    // This request finds generation 0 stale and looks for its payment at Alma (slowly)...
    nock(ALMA_TEST_URL).get("/v1/payments").query(true).delay(300).reply(200, { data: [], has_more: false });
    const waiting = ensureAlmaPayment(
      { ...deps, waitMs: 50 },
      { tenantId, linkId: link.id, planKey: "general_3_0_0" },
    );
    // ...while another request opens generation 1 and claims it.
    await new Promise((resolve) => setTimeout(resolve, 150));
    await claimed(1, 1_180_000);
    expect(await waiting).toEqual({ ok: false, reason: "busy" });
    expect((await storage.getPaymentLink(tenantId, link.id))!.custom.almaCreation).toEqual({
      generation: 1,
      claimedAt: 1_180_000,
      lookFrom: null,
    });
  });

  it("refuses a plan that was not offered", async () => {
    const { tenantId, link, deps } = await setup();
    expect(await ensureAlmaPayment(deps, { tenantId, linkId: link.id, planKey: "general_12_0_0" })).toEqual({
      ok: false,
      reason: "unknown_plan",
    });
  });

  it("adopts the payment of a creator that died after Alma answered, rather than creating another", async () => {
    const { tenantId, link, deps, claimed, advance } = await setup();
    await claimed(0, 1_000_000);
    expect(await ensureAlmaPayment(deps, { tenantId, linkId: link.id, planKey: "general_3_0_0" })).toEqual({
      ok: false,
      reason: "busy",
    });
    advance(3 * 60_000);
    nock(ALMA_TEST_URL)
      .get("/v1/payments")
      .query(true)
      .reply(200, {
        data: [
          almaPayment({
            id: "payment_11other",
            custom_data: { payment_link_id: "pay_other" },
            created: 1000,
          }),
          almaPayment({ id: "payment_11orphan", custom_data: { payment_link_id: link.id }, created: 1000 }),
        ],
        has_more: false,
      });
    expect(
      await ensureAlmaPayment(deps, { tenantId, linkId: link.id, planKey: "general_3_0_0" }),
    ).toMatchObject({
      ok: true,
      almaPaymentId: "payment_11orphan",
    });
  });

  it("creates the payment afresh when a dead creator never reached Alma", async () => {
    const { tenantId, link, deps, claimed, advance } = await setup();
    await claimed(0, 1_000_000);
    advance(3 * 60_000);
    nock(ALMA_TEST_URL).get("/v1/payments").query(true).reply(200, { data: [], has_more: false });
    nock(ALMA_TEST_URL)
      .post("/v1/payments")
      .reply(200, almaPayment({ id: "payment_11second" }));
    expect(
      await ensureAlmaPayment(deps, { tenantId, linkId: link.id, planKey: "general_3_0_0" }),
    ).toMatchObject({
      ok: true,
      almaPaymentId: "payment_11second",
    });
  });
});
