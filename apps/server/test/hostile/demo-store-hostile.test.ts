import { webhookBridgePlugin } from "@alma-suite/webhook-bridge";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/create-server.ts";
import { startHostileServer } from "./support/hostile-server.ts";
import { anyJson, hostileString, malformedJson, pathSegment } from "./support/hostile-values.ts";
import { type Answer, expectRefusal, send } from "./support/refusal.ts";
import { expectWritesNothing } from "./support/writes-nothing.ts";

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** Buyer-facing pages answer HTML: a 3xx or 4xx page is right, a 5xx never is. */
const expectNoFault = (answer: Answer, what: string) =>
  expect(answer.status, `${what} → ${answer.status} ${answer.text.slice(0, 200)}`).toBeLessThan(500);

describe("the demo store under hostile input", () => {
  let server: RunningServer;
  let demo: string;
  let cartCookie: string;

  beforeAll(async () => {
    server = await startHostileServer({ plugins: [webhookBridgePlugin] });
    demo = `${server.url}/demo`;
    // The store sets itself up (agency, merchant, endpoint) on first use: do it before counting rows.
    await send(`${demo}/webhooks`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    const slug = /\/demo\/products\/([\w-]+)/.exec(await (await fetch(`${demo}/`)).text())?.[1] ?? "";
    const added = await fetch(`${demo}/cart`, {
      method: "POST",
      headers: FORM,
      body: form({ slug, quantity: "1" }),
      redirect: "manual",
    });
    expect(added.status).toBe(303);
    cartCookie = (added.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  }, 30_000);
  afterAll(async () => {
    await server?.stop();
  });

  it("refuses webhooks that are not signed by the bridge, old or malformed (400)", async () => {
    const headers = fc.record({
      "webhook-id": hostileString.map((s) => s.replace(/[^\x21-\x7e]/g, "") || "msg_x"),
      "webhook-timestamp": fc.oneof(
        fc.integer({ min: 0, max: Math.floor(Date.now() / 1000) - 600 }).map(String),
        fc.constant(String(Math.floor(Date.now() / 1000))),
        hostileString.map((s) => s.replace(/[^\x21-\x7e]/g, "") || "x"),
      ),
      "webhook-signature": fc.oneof(
        fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => `v1,${Buffer.from(b).toString("base64")}`),
        hostileString.map((s) => s.replace(/[^\x20-\x7e]/g, "") || "x"),
      ),
    });
    await expectWritesNothing(
      server,
      fc.asyncProperty(
        headers,
        fc.oneof(
          malformedJson,
          anyJson.map((v) => JSON.stringify(v)),
        ),
        async (h, body) => {
          expectRefusal(
            await send(`${demo}/webhooks`, {
              method: "POST",
              headers: { ...h, "content-type": "application/json" },
              body,
            }),
            [400],
            body.slice(0, 80),
          );
        },
      ),
    );
  });

  it("answers hostile cart, checkout and order requests with a page, never a fault, writing nothing", async () => {
    const requests = fc.oneof(
      fc
        .record({
          slug: hostileString,
          quantity: fc.oneof(hostileString, fc.constantFrom("-1", "100", "1.5", "1e9")),
        })
        .map((fields) => [
          "POST",
          "/cart",
          form({ slug: fields.slug.toWellFormed(), quantity: fields.quantity.toWellFormed() }),
        ]),
      fc
        .record({
          plan: hostileString,
          first_name: hostileString,
          last_name: hostileString,
          email: hostileString.filter((s) => !s.includes("@")),
        })
        .map((fields) => [
          "POST",
          "/checkout",
          form(Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v.toWellFormed()]))),
        ]),
      hostileString.map((id) => ["GET", `/orders/${pathSegment(id) || "%20"}`, ""]),
      hostileString.map((id) => ["POST", `/orders/${pathSegment(id) || "%20"}/refund`, ""]),
      hostileString.map((slug) => ["GET", `/products/${pathSegment(slug) || "%20"}`, ""]),
    );
    await expectWritesNothing(
      server,
      fc.asyncProperty(requests, async ([method = "GET", path = "/", body = ""]) => {
        const answer = await send(`${demo}${path}`, {
          method,
          headers: { ...FORM, cookie: cartCookie },
          body: method === "GET" ? undefined : body,
        });
        expectNoFault(answer, `${method} ${path} ${body.slice(0, 80)}`);
        expect(answer.status, `${method} ${path}`).not.toBe(200);
      }),
    );
  });

  it("answers 413 to forms over 16 kB and webhooks over 256 kB", async () => {
    const big = await send(`${demo}/cart`, {
      method: "POST",
      headers: FORM,
      body: form({ slug: "x".repeat(20_000), quantity: "1" }),
    });
    expect(big.status).toBe(413);
    expectRefusal(
      await send(`${demo}/webhooks`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "x".repeat(300 * 1024),
      }),
      [413],
    );
  });
});
