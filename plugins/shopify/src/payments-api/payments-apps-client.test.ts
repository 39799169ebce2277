import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeShopify } from "../testing/fake-shopify.ts";
import { MUTATIONS, readMutationResult } from "./mutations.ts";
import { PaymentsAppsClient } from "./payments-apps-client.ts";
import { ShopifyAuthError, ShopifyGraphqlError, ShopifyUnavailableError } from "./shopify-errors.ts";

const SHOP = "client.myshopify.com";
const GID = "gid://shopify/PaymentSession/abc";
let fake: FakeShopify;
let client: PaymentsAppsClient;

beforeAll(async () => {
  fake = await FakeShopify.start({ apiKey: "k", apiSecret: "s" });
  client = new PaymentsAppsClient({ shopOrigin: fake.shopOrigin, apiVersion: "2026-07" });
  fake.registerSession({ gid: GID, shop: SHOP, kind: "payment" });
});
afterAll(() => fake.close());

describe("Payments Apps API client", () => {
  it("posts one mutation with the shop's token to the pinned version's endpoint", async () => {
    const token = fake.issueToken(SHOP);
    const data = await client.request(SHOP, token, MUTATIONS.paymentSessionResolve, { id: GID });
    expect(readMutationResult("paymentSessionResolve", data)).toEqual({
      ok: true,
      payload: expect.anything(),
      nextActionUrl: `https://${SHOP}/checkouts/c/abc/thank-you`,
    });
    expect(fake.mutations.at(-1)).toMatchObject({
      shop: SHOP,
      apiVersion: "2026-07",
      name: "paymentSessionResolve",
      token,
    });
  });

  it("returns user errors as values: a final session refuses another mutation", async () => {
    const data = await client.request(SHOP, fake.issueToken(SHOP), MUTATIONS.paymentSessionReject, {
      id: GID,
      reason: { code: "PROCESSING_ERROR", merchantMessage: "late" },
    });
    const result = readMutationResult("paymentSessionReject", data);
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.userErrors).toEqual([
      { field: ["id"], message: "the session is already resolved" },
    ]);
  });

  it("gets Shopify's answer to a document it refuses: HTTP 200, errors, nothing applied", async () => {
    const gid = "gid://shopify/PaymentSession/refused-doc";
    fake.registerSession({ gid, shop: SHOP, kind: "payment" });
    const withCode = MUTATIONS.paymentSessionResolve.replace(
      "userErrors { field message }",
      "userErrors { field message code }",
    );
    const token = fake.issueToken(SHOP);
    const sent = fake.mutations.length;
    const error = await client.request(SHOP, token, withCode, { id: gid }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShopifyGraphqlError);
    expect((error as Error).message).toBe('GraphQL errors: Cannot query field "code" on type "UserError".');
    const badVariables = await client
      .request(SHOP, token, MUTATIONS.paymentSessionPending, {
        id: gid,
        pendingExpiresAt: "in two days",
        reason: "PARTNER_ACTION_REQUIRED",
      })
      .catch((e: unknown) => e);
    expect((badVariables as Error).message).toMatch(/DateTime cannot represent "in two days"/);
    expect(fake.sessions.get(gid)).toMatchObject({ state: "proposed", finalBy: null });
    expect(fake.mutations.length).toBe(sent);
    expect(fake.refusedDocuments.slice(-2).map((r) => r.shop)).toEqual([SHOP, SHOP]);
  });

  it("throws typed errors for a refused token and for an unavailable Shopify", async () => {
    await expect(
      client.request(SHOP, "shpat_unknown", MUTATIONS.paymentSessionResolve, { id: GID }),
    ).rejects.toBeInstanceOf(ShopifyAuthError);
    const expiring = fake.issueToken(SHOP, 60);
    fake.expireToken(expiring);
    await expect(
      client.request(SHOP, expiring, MUTATIONS.paymentSessionResolve, { id: GID }),
    ).rejects.toBeInstanceOf(ShopifyAuthError);
    fake.failNextGraphql(503, 429);
    const token = fake.issueToken(SHOP);
    await expect(
      client.request(SHOP, token, MUTATIONS.paymentSessionResolve, { id: GID }),
    ).rejects.toMatchObject({ status: 503 });
    await expect(
      client.request(SHOP, token, MUTATIONS.paymentSessionResolve, { id: GID }),
    ).rejects.toBeInstanceOf(ShopifyUnavailableError);
    const down = new PaymentsAppsClient({
      shopOrigin: "http://127.0.0.1:9/{shop}",
      apiVersion: "2026-07",
      timeoutMs: 500,
    });
    await expect(
      down.request(SHOP, token, MUTATIONS.paymentSessionResolve, { id: GID }),
    ).rejects.toBeInstanceOf(ShopifyUnavailableError);
  });

  it("only ever calls the Payments Apps API", () => {
    expect(fake.violations).toEqual([]);
    expect(client.endpoint(SHOP)).toBe(`${fake.url}/${SHOP}/payments_apps/api/2026-07/graphql.json`);
  });
});
