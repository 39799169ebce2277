import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALMA_KEY, type Harness, startHarness } from "../../test/support/plugin-harness.ts";
import { connectStore } from "./connect-store.ts";

describe("connectStore", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ registrationToken: "reg-token-0123456789abcdefghij" });
  });
  afterAll(() => h.close());

  const input = (keys: { consumerKey: string; consumerSecret: string }) => ({
    storeUrl: `${h.woo.url}/`,
    ...keys,
    almaMode: "test" as const,
    almaTestKey: ALMA_KEY,
  });

  it("checks both keys before saving anything", async () => {
    const keys = h.woo.addApiKey();
    expect(await connectStore(h.deps, { ...input(keys), almaTestKey: "sk_live_wrongmode" })).toMatchObject({
      ok: false,
      status: 422,
    });
    expect(await connectStore(h.deps, { ...input(keys), almaTestKey: undefined })).toMatchObject({
      ok: false,
      status: 400,
    });
    const wrong = await connectStore(h.deps, { ...input(keys), consumerSecret: "cs_wrong" });
    expect(wrong).toMatchObject({
      ok: false,
      status: 422,
      error: expect.stringContaining("Invalid signature"),
    });
    const readOnly = await connectStore(h.deps, input(h.woo.addApiKey("read")));
    expect(readOnly).toMatchObject({ ok: false, status: 422, error: expect.stringContaining("read-only") });
    const unreachable = await connectStore(h.deps, { ...input(keys), storeUrl: "http://127.0.0.1:9" });
    expect(unreachable).toMatchObject({ ok: false, status: 502 });
    expect(await connectStore(h.deps, { ...input(keys), storeUrl: "ftp://shop" })).toMatchObject({
      ok: false,
      status: 400,
    });
    expect(h.woo.store.webhooks.size).toBe(0);
    expect(await h.storage.listTenants({})).toEqual([]);
  });

  it("saves the store with encrypted secrets, creates its two webhooks, and re-connecting reuses them", async () => {
    const keys = h.woo.addApiKey();
    const first = await connectStore(h.deps, { ...input(keys), payByLinkMethods: ["cheque"] });
    if (!first.ok) throw new Error(first.error);
    expect(first.created).toBe(true);
    expect(first.webhooks.map((w) => w.topic)).toEqual(["order.created", "order.updated"]);
    const hooks = [...h.woo.store.webhooks.values()];
    expect(hooks.map((w) => [w.topic, w.status, w.delivery_url])).toEqual([
      ["order.created", "active", `${h.url}/woocommerce/webhooks/${first.storeId}`],
      ["order.updated", "active", `${h.url}/woocommerce/webhooks/${first.storeId}`],
    ]);
    const secret = await h.storage.getSecret(first.storeId, "webhook_secret");
    expect(hooks.every((w) => w.secret === secret)).toBe(true);
    expect(secret).toMatch(/^whs_[A-Za-z0-9_-]{43}$/);
    const tenant = await h.storage.getTenant(first.storeId);
    expect(tenant).toMatchObject({ platform: "woocommerce", externalId: h.woo.url, almaMode: "test" });
    expect(JSON.stringify(tenant)).not.toContain(keys.consumerSecret);
    expect((await h.storage.listSecrets(first.storeId)).map((s) => s.name).sort()).toEqual([
      "alma_test_key",
      "gateway_secret",
      "wc_consumer_key",
      "wc_consumer_secret",
      "webhook_secret",
    ]);

    const again = await connectStore(h.deps, input(keys));
    if (!again.ok) throw new Error(again.error);
    expect(again).toMatchObject({
      created: false,
      storeId: first.storeId,
      gatewaySecret: first.gatewaySecret,
    });
    expect(h.woo.store.webhooks.size).toBe(2);
    expect((await h.storage.getTenant(first.storeId))?.settings).toMatchObject({
      payByLinkMethods: ["cheque"],
    });
  });

  it("registers over HTTP only with the operator's token", async () => {
    const keys = h.woo.addApiKey();
    const body = JSON.stringify({
      store_url: h.woo.url,
      consumer_key: keys.consumerKey,
      consumer_secret: keys.consumerSecret,
      alma_test_key: ALMA_KEY,
    });
    const post = (auth?: string) =>
      fetch(`${h.url}/woocommerce/stores`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
        body,
      });
    expect((await post()).status).toBe(401);
    expect((await post("Bearer wrong-token-0123456789abcdef")).status).toBe(401);
    const ok = await post("Bearer reg-token-0123456789abcdefghij");
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      store_id: expect.any(String),
      gateway_secret: expect.stringMatching(/^gws_/),
    });
    const bad = await fetch(`${h.url}/woocommerce/stores`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Bearer reg-token-0123456789abcdefghij" },
      body: "{",
    });
    expect(bad.status).toBe(400);
  });
});
