import { describe, expect, it } from "vitest";
import { gatewaySignature, verifyGatewaySignature } from "./gateway-signature.ts";

describe("gateway request signature", () => {
  const body = Buffer.from('{"order_id":1042,"order_key":"wc_order_abc"}');
  const base = {
    secret: "gws_secret",
    action: "payments",
    rawBody: body,
    nowSeconds: 1_800_000_000,
    toleranceSeconds: 300,
  };
  const sign = (ts: number, action = "payments", secret = "gws_secret") =>
    gatewaySignature(secret, String(ts), action, body);

  it("accepts a fresh signature and refuses another secret, another action, a stale or future time", () => {
    const ts = 1_800_000_000 - 10;
    expect(verifyGatewaySignature({ ...base, timestamp: String(ts), signature: sign(ts) })).toEqual({
      ok: true,
    });
    expect(
      verifyGatewaySignature({ ...base, timestamp: String(ts), signature: sign(ts, "payments", "other") }).ok,
    ).toBe(false);
    expect(
      verifyGatewaySignature({ ...base, timestamp: String(ts), signature: sign(ts, "refunds") }).ok,
    ).toBe(false);
    const stale = 1_800_000_000 - 301;
    expect(verifyGatewaySignature({ ...base, timestamp: String(stale), signature: sign(stale) })).toEqual({
      ok: false,
      error: "signature timestamp outside the allowed window",
    });
    const future = 1_800_000_000 + 301;
    expect(verifyGatewaySignature({ ...base, timestamp: String(future), signature: sign(future) }).ok).toBe(
      false,
    );
    expect(verifyGatewaySignature({ ...base, timestamp: undefined, signature: sign(ts) }).ok).toBe(false);
    expect(verifyGatewaySignature({ ...base, timestamp: "12abc", signature: sign(ts) }).ok).toBe(false);
  });

  it("matches the fixed vector the PHP gateway's tests check too", () => {
    expect(gatewaySignature("gws_test_secret", "1800000000", "payments", '{"order_id":1}')).toBe(
      "a09788bfb40dba998272e735e7fc26abf85e1fa670a2ccf3aeba6c28f0937f6f",
    );
  });
});
