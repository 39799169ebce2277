import { createHmac } from "node:crypto";
import { constantTimeEqual } from "@alma-suite/core";

export const TIMESTAMP_HEADER = "x-alma-suite-timestamp";
export const SIGNATURE_HEADER = "x-alma-suite-signature";

/**
 * How our WordPress gateway signs its calls: hex HMAC-SHA256, keyed with the store's gateway
 * secret, of `v1:<unix seconds>:<action>:<raw body>`. The action (payments, refunds) keeps a body
 * signed for one endpoint from being replayed on another; the timestamp bounds replays in time.
 * The PHP side (class-alma-suite-gateway.php) builds the same string.
 */
export function gatewaySignature(
  secret: string,
  timestamp: string,
  action: string,
  rawBody: Buffer | string,
): string {
  return createHmac("sha256", secret).update(`v1:${timestamp}:${action}:`).update(rawBody).digest("hex");
}

export type GatewayVerdict = { ok: true } | { ok: false; error: string };

export function verifyGatewaySignature(input: {
  secret: string;
  action: string;
  rawBody: Buffer;
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds: number;
  toleranceSeconds: number;
}): GatewayVerdict {
  if (!input.timestamp || !/^\d{1,12}$/.test(input.timestamp) || !input.signature) {
    return { ok: false, error: "missing signature headers" };
  }
  if (Math.abs(input.nowSeconds - Number(input.timestamp)) > input.toleranceSeconds) {
    return { ok: false, error: "signature timestamp outside the allowed window" };
  }
  const expected = gatewaySignature(input.secret, input.timestamp, input.action, input.rawBody);
  return constantTimeEqual(expected, input.signature.trim().toLowerCase())
    ? { ok: true }
    : { ok: false, error: "invalid signature" };
}
