import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { AlmaSignatureVerificationError } from "./errors.ts";
import { assertIpnSignature, ipnKey, signIpn, verifyIpnSignature } from "./ipn-signature.ts";

const pid = "payment_11uPRjP4L9Dgbttx4cWbL5Jc8TV0gEgQQn";
const apiKey = "sk_test_5mBvQy2bNq3oZ9hC4tDfRg1k";
// printf '%s' "$pid" | openssl dgst -sha256 -hmac "$apiKey" -hex
const knownSignature = "3bc648302f0d577870aad535c49c24cd43d0fee969926254e8d02f6ab06ad63c";

describe("signIpn", () => {
  it("matches a vector computed with openssl", () => {
    expect(signIpn(pid, apiKey)).toBe(knownSignature);
  });

  it("is plain HMAC-SHA256 (RFC 4231-style public vector)", () => {
    expect(signIpn("The quick brown fox jumps over the lazy dog", "key")).toBe(
      "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
    );
    expect(signIpn(pid, apiKey)).toBe(createHmac("sha256", apiKey).update(pid).digest("hex"));
  });
});

describe("verifyIpnSignature", () => {
  it("accepts the right signature", () => {
    expect(verifyIpnSignature(pid, knownSignature, apiKey)).toBe(true);
  });

  it("reads the key kept as a KeyObject exactly as the key itself, an empty one included", () => {
    const kept = ipnKey(apiKey)!;
    expect(signIpn(pid, kept)).toBe(knownSignature);
    expect(verifyIpnSignature(pid, knownSignature, kept)).toBe(true);
    expect(verifyIpnSignature(pid, signIpn(pid, "sk_test_other"), kept)).toBe(false);
    expect(ipnKey(undefined)).toBeUndefined();
    expect(verifyIpnSignature(pid, signIpn(pid, ""), ipnKey("")!)).toBe(false);
    expect(verifyIpnSignature(pid, signIpn(pid, ""), "")).toBe(false);
  });

  it("accepts upper-case hex and surrounding whitespace (same bytes)", () => {
    expect(verifyIpnSignature(pid, knownSignature.toUpperCase(), apiKey)).toBe(true);
    expect(verifyIpnSignature(pid, ` ${knownSignature}\n`, apiKey)).toBe(true);
  });

  it("rejects a signature made with another key or for another pid", () => {
    expect(verifyIpnSignature(pid, signIpn(pid, "sk_test_other"), apiKey)).toBe(false);
    expect(verifyIpnSignature(`${pid}x`, knownSignature, apiKey)).toBe(false);
    expect(verifyIpnSignature(pid, `${knownSignature.slice(0, 63)}d`, apiKey)).toBe(false);
  });

  it("returns false without throwing on wrong length, non-hex or missing input", () => {
    expect(verifyIpnSignature(pid, knownSignature.slice(0, 62), apiKey)).toBe(false);
    expect(verifyIpnSignature(pid, `${knownSignature}00`, apiKey)).toBe(false);
    expect(verifyIpnSignature(pid, "z".repeat(64), apiKey)).toBe(false);
    expect(verifyIpnSignature(pid, "", apiKey)).toBe(false);
    expect(verifyIpnSignature(pid, undefined, apiKey)).toBe(false);
    expect(verifyIpnSignature(pid, null, apiKey)).toBe(false);
    expect(verifyIpnSignature("", knownSignature, apiKey)).toBe(false);
    expect(verifyIpnSignature(pid, knownSignature, "")).toBe(false);
  });
});

describe("assertIpnSignature", () => {
  it("passes silently on a good signature and throws the dedicated error otherwise", () => {
    expect(() => assertIpnSignature(pid, knownSignature, apiKey)).not.toThrow();
    expect(() => assertIpnSignature(pid, "00", apiKey)).toThrow(AlmaSignatureVerificationError);
  });
});
