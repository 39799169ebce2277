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
  pathSegment,
} from "./support/hostile-values.ts";
import { expectRefusal, send } from "./support/refusal.ts";
import { rowCounts } from "./support/row-counts.ts";
import { expectWritesNothing } from "./support/writes-nothing.ts";

const CHANGE = { "x-requested-with": "alma-dashboard", "content-type": "application/json" };

describe("the merchant dashboard API under hostile input", () => {
  let server: RunningServer;
  let api: string;
  let merchantCookie: string;
  let tenantA: string;
  let tenantB: string;
  let paymentOfA: string;
  let paymentOfB: string;

  const cookieOf = (response: Response) => (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

  beforeAll(async () => {
    server = await startHostileServer({ plugins: [] });
    api = `${server.url}/dashboard/api`;
    const tenant = async (name: string) => {
      const { tenant } = await server.storage.createTenant({ platform: "bridge", externalId: name, name });
      const { link } = await server.storage.createPaymentLink({
        tenantId: tenant.id,
        platformOrderRef: `order-${name}`,
        amountCents: 30_000,
        currency: "EUR",
      });
      return [tenant.id, link.id] as const;
    };
    [tenantA, paymentOfA] = await tenant("hostile:dash-a");
    [tenantB, paymentOfB] = await tenant("hostile:dash-b");
    const signIn = await fetch(`${api}/session`, {
      method: "POST",
      headers: CHANGE,
      body: JSON.stringify({ token: server.adminToken }),
    });
    expect(signIn.status).toBe(200);
    const link = await fetch(`${api}/tenants/${tenantA}/login-links`, {
      method: "POST",
      headers: { ...CHANGE, cookie: cookieOf(signIn) },
    });
    const { url } = (await link.json()) as { url: string };
    const login = await fetch(url.replace(/^https?:\/\/[^/]+/, server.url), { redirect: "manual" });
    expect(login.status).toBe(303);
    merchantCookie = cookieOf(login);
  });
  afterAll(async () => {
    await server?.stop();
  });

  const asMerchant = (method: string, path: string, body?: string, cookie = merchantCookie) =>
    send(`${api}${path}`, { method, headers: { ...CHANGE, cookie }, body });

  it("refuses sign-ins with a wrong, near-miss or malformed token, and changes without the CSRF header", async () => {
    const tokens = fc.oneof(
      hostileString.map((token) => JSON.stringify({ token })),
      fc.boolean().map((atEnd) => JSON.stringify({ token: nearMiss(server.adminToken, atEnd) })),
      badCents.map((token) => JSON.stringify({ token })),
      malformedJson,
      anyJson.map((v) => JSON.stringify(v)),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(tokens, async (body) => {
        fc.pre(!body.includes(server.adminToken));
        const answer = await send(`${api}/session`, { method: "POST", headers: CHANGE, body });
        expectRefusal(answer, [400, 401], body.slice(0, 100));
      }),
    );
    const noHeader = await send(`${api}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ token: server.adminToken }),
    });
    expectRefusal(noHeader, [403], "no X-Requested-With");
  });

  it("refuses forged, tampered and near-miss session cookies (401) and forged login links (400/404/410)", async () => {
    const [name, value = ""] = merchantCookie.split("=");
    const [payload = "", signature = ""] = value.split(".");
    const forged = fc.oneof(
      hostileString.map((s) => `${name}=${s.replace(/[^\x21-\x7e]/g, "").replace(/[;,]/g, "")}`),
      fc.boolean().map((atEnd) => `${name}=${payload}.${nearMiss(signature, atEnd)}`),
      fc.constant(
        `${name}=${Buffer.from('{"role":"operator","tenantId":null,"e":9999999999999}').toString("base64url")}.${signature}`,
      ),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(forged, async (cookie) => {
        expectRefusal(await asMerchant("GET", "/tenants", undefined, cookie), [401], cookie.slice(0, 80));
      }),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(hostileString, async (token) => {
        const answer = await send(`${server.url}/dashboard/login/${pathSegment(token) || "%20"}`);
        expectRefusal(answer, [400, 404, 410], `login ${JSON.stringify(token)}`);
      }),
    );
  });

  it("answers 404 for another tenant's routes and for hostile ids, as for unknown ones", async () => {
    const routes = fc.constantFrom(
      ["GET", `/tenants/${tenantB}/payments`],
      ["GET", `/tenants/${tenantB}/payments/${paymentOfB}`],
      ["GET", `/tenants/${tenantB}/health`],
      ["GET", `/tenants/${tenantB}/jobs`],
      ["GET", `/tenants/${tenantB}/deliveries`],
      ["POST", `/tenants/${tenantB}/payments/${paymentOfB}/refunds`],
      ["POST", `/tenants/${tenantB}/payment-links`],
      ["GET", `/tenants/${tenantA}/payments/${paymentOfB}`],
      ["POST", `/tenants/${tenantA}/payments/${paymentOfB}/refunds`],
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        fc.oneof(
          routes,
          hostileString.map((id) => ["GET", `/tenants/${pathSegment(id) || "%20"}/payments`]),
        ),
        async ([method = "GET", path = "/"]) => {
          const body =
            method === "POST"
              ? JSON.stringify({ amountCents: 100, idempotencyKey: "k-1", installmentsCount: 3 })
              : undefined;
          expectRefusal(await asMerchant(method, path, body), [400, 404], `${method} ${path}`);
        },
      ),
    );
  });

  it("refuses hostile refund and payment-link bodies on the merchant's own tenant (400/409)", async () => {
    const refunds = fc.oneof(
      malformedJson,
      anyJson.map((v) => JSON.stringify(v)),
      badCents.map((amountCents) => JSON.stringify({ amountCents, idempotencyKey: "k-1" })),
      badCents.map((idempotencyKey) => JSON.stringify({ amountCents: 100, idempotencyKey })),
      fc
        .constantFrom("k\u0000", "\uDC00")
        .map((idempotencyKey) => JSON.stringify({ amountCents: 100, idempotencyKey })),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(refunds, async (body) => {
        const answer = await asMerchant("POST", `/tenants/${tenantA}/payments/${paymentOfA}/refunds`, body);
        // A pending payment cannot be refunded (409) even when the body happens to be valid.
        expectRefusal(answer, [400, 409], body.slice(0, 120));
      }),
    );
    const links = fc.oneof(
      malformedJson,
      anyJson.map((v) => JSON.stringify(v)),
      badCents.map((amountCents) => JSON.stringify({ amountCents, installmentsCount: 3 })),
      badCents.map((installmentsCount) => JSON.stringify({ amountCents: 10_000, installmentsCount })),
      fc
        .constantFrom("\u0000", "\uD800")
        .map((c) =>
          JSON.stringify({ amountCents: 10_000, installmentsCount: 3, customer: { firstName: `A${c}` } }),
        ),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(links, async (body) => {
        expectRefusal(
          await asMerchant("POST", `/tenants/${tenantA}/payment-links`, body),
          [400],
          body.slice(0, 120),
        );
      }),
    );
  });

  it("answers 413 to a body over 16 kB", async () => {
    const before = await rowCounts(server.storage);
    const body = JSON.stringify({ amountCents: 100, idempotencyKey: "x".repeat(20 * 1024) });
    expectRefusal(
      await asMerchant("POST", `/tenants/${tenantA}/payments/${paymentOfA}/refunds`, body),
      [413],
    );
    expect(await rowCounts(server.storage)).toEqual(before);
  });
});
