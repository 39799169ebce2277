import { describe, expect, it } from "vitest";
import { gatewaySignature, verifyGatewaySignature } from "./gateway-signature.ts";

const flip = (value: string, at: number) =>
  value.slice(0, at) + (value[at] === "a" ? "b" : "a") + value.slice(at + 1);

describe("verifyGatewaySignature near misses", () => {
  const rawBody = Buffer.from('{"order_id":7,"order_key":"wc_order_abc"}');
  const genuine = gatewaySignature("gws_secret", "1700000000", "payments", rawBody);
  const verify = (signature: string) =>
    verifyGatewaySignature({
      secret: "gws_secret",
      action: "payments",
      rawBody,
      timestamp: "1700000000",
      signature,
      nowSeconds: 1_700_000_010,
      toleranceSeconds: 300,
    });
  it("refuses a signature one character off at its start and at its end", () => {
    expect(verify(genuine)).toEqual({ ok: true });
    expect(verify(flip(genuine, 0))).toEqual({ ok: false, error: "invalid signature" });
    expect(verify(flip(genuine, genuine.length - 1))).toEqual({ ok: false, error: "invalid signature" });
  });
});
