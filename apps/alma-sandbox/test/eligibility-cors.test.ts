import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./sandbox-harness.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const SHOP = "https://shop.example";

describe("eligibility from a shop's browser (CORS)", () => {
  it("answers the preflight and the call itself for any origin", async () => {
    const preflight = await fetch(`${h.url}/v2/payments/eligibility`, {
      method: "OPTIONS",
      headers: {
        origin: SHOP,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");

    const me = await h.api("GET", "/v1/me");
    const call = await fetch(`${h.url}/v2/payments/eligibility`, {
      method: "POST",
      headers: {
        origin: SHOP,
        authorization: `Alma-Merchant-Auth ${me.body.id}`,
        "content-type": "application/json",
      },
      body: JSON.stringify({ purchase_amount: 12000, queries: [{ installments_count: 3 }] }),
    });
    expect(call.status).toBe(200);
    expect(call.headers.get("access-control-allow-origin")).toBe("*");
    expect(((await call.json()) as { eligible: boolean }[])[0]?.eligible).toBe(true);
  });

  it("leaves every other route closed to other origins", async () => {
    const preflight = await fetch(`${h.url}/v1/payments`, {
      method: "OPTIONS",
      headers: { origin: SHOP, "access-control-request-method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
    const me = await fetch(`${h.url}/v1/me`, { headers: { origin: SHOP } });
    expect(me.status).toBe(401);
    expect(me.headers.get("access-control-allow-origin")).toBeNull();
  });
});
