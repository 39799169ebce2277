import { readFileSync } from "node:fs";
import { provisionSandboxKeys } from "@alma-suite/alma-sandbox/testing";
import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/create-server.ts";
import { startHostileServer } from "./support/hostile-server.ts";
import {
  anyJson,
  badCents,
  hostileString,
  malformedJson,
  nearMiss,
  oversized,
  pathSegment,
} from "./support/hostile-values.ts";
import { BACKENDS, freshPostgresDatabase } from "./support/postgres-database.ts";
import { expectRefusal, rawRequest, send } from "./support/refusal.ts";
import { rowCounts } from "./support/row-counts.ts";
import { expectWritesNothing } from "./support/writes-nothing.ts";

/** The few members of the setup answers this test reads. */
interface Created {
  api_key: { token: string };
  payment: { id: string };
  name: string;
}

const OPERATOR = "hostile-bridge-operator-token-0001";
const basket = JSON.parse(
  readFileSync(new URL("../../../../fixtures/bridge/checkouts/basket-3x.json", import.meta.url), "utf8"),
) as Record<string, unknown>;

describe.each(BACKENDS)("the bridge API under hostile input (%s)", (_backend, postgres) => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>> | undefined;
  let server: RunningServer;
  let keyA: string;
  let keyB: string;
  let paymentOfB: string;

  const call = (
    method: string,
    path: string,
    options: { key?: string; body?: string; headers?: Record<string, string> } = {},
  ) =>
    send(`${server.url}/bridge${path}`, {
      method,
      headers: {
        ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }),
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      body: options.body,
    });
  const json = async (method: string, path: string, key: string, body?: unknown) => {
    const answer = await call(method, path, {
      key,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: answer.status, body: JSON.parse(answer.text) as Created };
  };

  beforeAll(async () => {
    database = postgres ? await freshPostgresDatabase() : undefined;
    server = await startHostileServer({
      config: database ? { DATABASE_URL: database.url } : {},
      plugins: [webhookBridgePlugin],
      env: { BRIDGE_OPERATOR_TOKEN: OPERATOR },
    });
    await provisionSandboxKeys(server.almaBaseUrl, "sk_test_hostileBridgeA001", "sk_test_hostileBridgeB001");
    const agency = async (name: string, merchant: string, almaKey: string) => {
      const created = await json("POST", "/v1/operator/agencies", OPERATOR, { name });
      expect(created.status).toBe(201);
      const key = created.body.api_key.token as string;
      expect(
        (await json("PUT", `/v1/merchants/${merchant}`, key, { name: merchant, alma_test_key: almaKey }))
          .status,
      ).toBe(201);
      return key;
    };
    keyA = await agency("Agence A", "shop-a", "sk_test_hostileBridgeA001");
    keyB = await agency("Agence B", "shop-b", "sk_test_hostileBridgeB001");
    const checkout = await json("POST", "/v1/merchants/shop-b/checkouts", keyB, basket);
    expect(checkout.status).toBe(201);
    paymentOfB = checkout.body.payment.id;
  });
  afterAll(async () => {
    await server?.stop();
    await database?.drop();
  });

  const checkouts = "/v1/merchants/shop-a/checkouts";

  it("refuses forged, malformed and other-format credentials before reading anything (401)", async () => {
    const forged = fc.oneof(
      hostileString.map((s) => s.replace(/[^\x21-\x7e]/g, "") || "x"),
      fc.stringMatching(/^[0-9a-f]{16}$/).map((id) => `abk_${id}_${"A".repeat(43)}`),
      fc.constant(`${keyA.slice(0, -1)}${keyA.endsWith("A") ? "B" : "A"}`),
      fc.constant(`X${keyA.slice(1)}`),
      fc.constant(OPERATOR),
      fc.boolean().map((atEnd) => nearMiss(OPERATOR, atEnd)),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        forged,
        fc.constantFrom("GET /v1/merchants", `POST ${checkouts}`, "GET /v1/operator/agencies"),
        async (key, route) => {
          const [method = "GET", path = "/"] = route.split(" ");
          fc.pre(!(key === OPERATOR && path.includes("operator")));
          const answer = await call(method, path, {
            key,
            body: method === "GET" ? undefined : JSON.stringify(basket),
          });
          expectRefusal(answer, [401], `${route} with ${key.slice(0, 30)}`);
        },
      ),
    );
  });

  it("refuses bodies that are not JSON (400) or not sent as JSON (415)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        malformedJson,
        fc.constantFrom(checkouts, "/v1/merchants/shop-a/endpoints", "/v1/merchants/shop-a"),
        async (text, path) => {
          const answer = await call(path === "/v1/merchants/shop-a" ? "PUT" : "POST", path, {
            key: keyA,
            body: text,
          });
          expectRefusal(answer, [400], `${path} ${JSON.stringify(text)}`);
        },
      ),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        fc.constantFrom(
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "application/xml",
        ),
        async (type) => {
          const answer = await call("POST", checkouts, {
            key: keyA,
            body: JSON.stringify(basket),
            headers: { "content-type": type },
          });
          expectRefusal(answer, [415], type);
        },
      ),
    );
  });

  it("refuses JSON of the wrong shape, bad amounts and hostile field values (422)", async () => {
    const mutated = fc.oneof(
      anyJson.filter(
        (v) => typeof v !== "object" || v === null || Array.isArray(v) || !("order_reference" in v),
      ),
      badCents.map((amount) => ({ ...basket, amount })),
      badCents
        .filter((v) => v !== 0)
        .map((unit_price) => ({
          ...basket,
          items: [{ title: "x", quantity: 1, line_price: 100, unit_price }],
        })),
      hostileString.filter((s) => !/^[A-Za-z]{3}$/.test(s)).map((currency) => ({ ...basket, currency })),
      hostileString.filter((s) => !/^https?:/i.test(s)).map((return_url) => ({ ...basket, return_url })),
      hostileString.filter((s) => !s.includes("@")).map((email) => ({ ...basket, customer: { email } })),
      fc.constant({ ...basket, order_reference: "" }),
      fc.constant({ ...basket, order_reference: "x".repeat(201) }),
      fc.constant({
        ...basket,
        items: Array(501).fill({ title: "x", quantity: 1, unit_price: 1, line_price: 1 }),
      }),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(mutated, fc.boolean(), async (body, idempotent) => {
        const answer = await call("POST", checkouts, {
          key: keyA,
          body: JSON.stringify(body),
          headers: idempotent ? { "idempotency-key": `fuzz-${Math.random()}` } : {},
        });
        expectRefusal(answer, [400, 422], JSON.stringify(body).slice(0, 200));
      }),
    );
  });

  it("refuses hostile refund amounts and order statuses on a payment that is not this merchant's (404/422)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        fc.oneof(
          badCents.map((amount) => ({ amount })),
          anyJson,
        ),
        async (body) => {
          const answer = await call("POST", `/v1/merchants/shop-a/payments/${paymentOfB}/refunds`, {
            key: keyA,
            body: JSON.stringify(body),
          });
          // A scalar body is not a JSON object: the parser refuses it (400) before the payment is looked up.
          expectRefusal(answer, [400, 404, 422], JSON.stringify(body).slice(0, 200));
        },
      ),
    );
  });

  // Merchant refs live in each agency's own namespace: agency A naming "shop-b" means its own (absent) shop-b.
  it("never shows or changes another agency's merchant or payment (404)", async () => {
    const attempts = fc.constantFrom(
      ["GET", "/v1/merchants/shop-b"],
      ["GET", `/v1/merchants/shop-b/payments/${paymentOfB}`],
      ["POST", `/v1/merchants/shop-b/payments/${paymentOfB}/cancel`],
      ["POST", `/v1/merchants/shop-b/payments/${paymentOfB}/refunds`],
      ["GET", `/v1/merchants/shop-a/payments/${paymentOfB}`],
      ["POST", `/v1/merchants/shop-a/payments/${paymentOfB}/cancel`],
      ["POST", `/v1/merchants/shop-a/payments/${paymentOfB}/refunds`],
      ["POST", `/v1/merchants/shop-a/payments/${paymentOfB}/order-status`],
      ["POST", "/v1/merchants/shop-b/checkouts"],
      ["GET", "/v1/merchants/shop-b/messages"],
      ["POST", "/v1/merchants/shop-b/endpoints"],
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(attempts, async ([method = "GET", path = "/"]) => {
        const body =
          method === "GET"
            ? undefined
            : JSON.stringify(
                path.endsWith("order-status")
                  ? { status: "shipped" }
                  : path.endsWith("endpoints")
                    ? { url: "https://agency.example/hook" }
                    : path.endsWith("checkouts")
                      ? basket
                      : path.endsWith("refunds")
                        ? { amount: "full" }
                        : {},
              );
        const answer = await call(method, path, { key: keyA, body });
        expectRefusal(answer, [404], `${method} ${path}`);
      }),
    );
    const own = await json("GET", "/v1/merchants/shop-b", keyB);
    expect(own.body.name).toBe("shop-b");
  });

  it("refuses hostile merchant and payment ids in the URL (400/404/422)", async () => {
    await expectWritesNothing(
      server,
      fc.asyncProperty(hostileString, fc.boolean(), async (id, asMerchant) => {
        const segment = pathSegment(id) || "%20";
        const path = asMerchant
          ? `/v1/merchants/${segment}/payments`
          : `/v1/merchants/shop-a/payments/${segment}/cancel`;
        const answer = await call(asMerchant ? "GET" : "POST", path, {
          key: keyA,
          body: asMerchant ? undefined : "{}",
        });
        expectRefusal(answer, [400, 404, 422], path.slice(0, 120));
      }),
    );
  });

  it("refuses a NUL or an unpaired surrogate anywhere in a body (422), which PostgreSQL could not store", async () => {
    const withNul = fc.constantFrom(
      { customer: { first_name: "Zo\u0000é" } },
      { order_reference: "ref\u0000" },
      { metadata: { cart: "a\u0000b" } },
      { metadata: { "k\u0000": "v" } },
      { items: [{ title: "\u0000", quantity: 1, unit_price: 45_000, line_price: 45_000 }] },
      { customer: { first_name: "\uD800" } },
      { metadata: { note: "x\uDFFF" } },
      { metadata: { "\uDBFF": "v" } },
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(withNul, async (change) => {
        const body = JSON.stringify({ ...basket, order_reference: `nul-${Math.random()}`, ...change });
        const answer = await call("POST", checkouts, { key: keyA, body });
        expectRefusal(answer, [422], body.slice(0, 120));
        expect(JSON.parse(answer.text).detail).toMatch(/NUL character or an unpaired UTF-16 surrogate/);
      }),
    );
  });

  it("stores bidi controls, emoji and line breaks in free text without failing", async () => {
    for (const text of ["\u202Eevil", "😀👨‍👩‍👧", "\r\n", "مرحبا"]) {
      const body = {
        ...basket,
        order_reference: `text-${Math.random()}`,
        customer: { first_name: text },
        metadata: { [text]: text },
      };
      const answer = await call("POST", checkouts, { key: keyA, body: JSON.stringify(body) });
      expect(answer.status, `${JSON.stringify(text)} → ${answer.text.slice(0, 200)}`).toBe(201);
    }
  });

  it("refuses bodies nested thousands deep (400 nesting-too-deep) where they crashed the stack (500)", async () => {
    const before = await rowCounts(server.storage);
    const deep = [
      `${"[".repeat(100_000)}${"]".repeat(100_000)}`,
      `${'{"a":'.repeat(30_000)}1${"}".repeat(30_000)}`,
    ];
    const routes: [string, string, string][] = [
      ["POST", "/v1/api-keys", keyA],
      ["POST", "/v1/operator/agencies/agc_unknown/api-keys", OPERATOR],
      ["PATCH", "/v1/merchants/shop-a/endpoints/ep_unknown", keyA],
      ["POST", "/v1/merchants/shop-a/endpoints/ep_unknown/secret/rotate", keyA],
      ["POST", "/v1/merchants/shop-a/messages/msg_unknown/replay", keyA],
      ["POST", `/v1/merchants/shop-b/payments/${paymentOfB}/refunds`, keyB],
      ["GET", "/v1/event-types", keyA],
    ];
    for (const body of deep)
      for (const [method, path, key] of routes) {
        const answer = await rawRequest(`${server.url}/bridge${path}`, {
          method,
          headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
          body,
        });
        expectRefusal(answer, [400], `${method} ${path}`);
        expect(answer.contentType).toMatch(/^application\/problem\+json/);
        expect(JSON.parse(answer.text).type).toBe("/bridge/problems/nesting-too-deep");
      }
    expect(await rowCounts(server.storage)).toEqual(before);
  });

  it("refuses +json media types (415): only application/json is documented", async () => {
    const before = await rowCounts(server.storage);
    for (const type of [
      "application/json-patch+json",
      "application/merge-patch+json",
      "application/vnd.api+json",
    ]) {
      for (const [method, path] of [
        ["POST", checkouts],
        ["PATCH", "/v1/merchants/shop-a/endpoints/ep_unknown"],
        ["POST", `/v1/merchants/shop-a/payments/${paymentOfB}/refunds`],
      ] as const) {
        const answer = await call(method, path, {
          key: keyA,
          body: JSON.stringify({ ...basket, order_reference: `plus-json-${type}` }),
          headers: { "content-type": type },
        });
        expectRefusal(answer, [415], `${type} on ${method} ${path}`);
        expect(JSON.parse(answer.text).type).toBe("/bridge/problems/unsupported-media-type");
      }
    }
    expect(await rowCounts(server.storage)).toEqual(before);
  });

  it("answers a NUL in a bridge URL as a problem (400 problem+json), like every other bridge refusal", async () => {
    for (const path of ["/v1/merchants/shop%00a", "/v1/merchants?limit=%00"]) {
      const answer = await call("GET", path, { key: keyA });
      expectRefusal(answer, [400], path);
      expect(answer.contentType).toMatch(/^application\/problem\+json/);
      expect(JSON.parse(answer.text)).toMatchObject({
        type: "/bridge/problems/malformed-request",
        status: 400,
      });
    }
  });

  it("refuses an unknown key on any bridge body (422 naming it), so a typo never refunds everything", async () => {
    const before = await rowCounts(server.storage);
    const refunds = `/v1/merchants/shop-b/payments/${paymentOfB}/refunds`;
    const typo = await call("POST", refunds, {
      key: keyB,
      body: JSON.stringify({ amout: 100, reference: "typo" }),
    });
    expectRefusal(typo, [422], "typo");
    expect(JSON.parse(typo.text).errors).toContainEqual({
      field: "amout",
      in: "body",
      message: "unknown field",
    });
    const implied = await call("POST", refunds, {
      key: keyB,
      body: JSON.stringify({ reference: "no-amount" }),
    });
    expectRefusal(implied, [422], "no amount");
    expect(JSON.parse(implied.text).field).toBe("amount");
    const nested = await call("POST", checkouts, {
      key: keyA,
      body: JSON.stringify({ ...basket, order_reference: "nested-typo", customer: { emial: "x@y.fr" } }),
    });
    expectRefusal(nested, [422], "nested typo");
    expect(JSON.parse(nested.text).field).toBe("customer.emial");
    const proto = await call("POST", checkouts, {
      key: keyA,
      body: `{"__proto__":{"amount":1},${JSON.stringify({ ...basket, order_reference: "proto" }).slice(1)}`,
    });
    expectRefusal(proto, [422], "__proto__");
    expect(JSON.parse(proto.text).field).toBe("__proto__");
    const bodiless = await call("POST", "/v1/merchants/shop-a/endpoints/ep_unknown/secret/rotate", {
      key: keyA,
      body: JSON.stringify({ force: true }),
    });
    expectRefusal(bodiless, [422], "body on a body-less operation");
    expect(await rowCounts(server.storage)).toEqual(before);
  });

  it("refuses a body over 256 kB with 413, and a hostile Idempotency-Key with 422", async () => {
    const before = await rowCounts(server.storage);
    expectRefusal(await call("POST", checkouts, { key: keyA, body: oversized(300 * 1024) }), [413]);
    for (const key of ["", " ", "é", "x".repeat(256), "a\u0000b"]) {
      const answer = await send(`${server.url}/bridge${checkouts}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${keyA}`,
          "content-type": "application/json",
          "idempotency-key": encodeURIComponent(key) === key ? key : key.replace(/[^\x20-\x7e]/g, "%"),
        },
        body: JSON.stringify({ ...basket, order_reference: "idem-fuzz", amount: -1 }),
      });
      expectRefusal(answer, [422], `Idempotency-Key ${JSON.stringify(key)}`);
    }
    expect(await rowCounts(server.storage)).toEqual(before);
  });
});
