import { describe, expect, it } from "vitest";
import { signIpn, verifyIpnSignature } from "./ipn-signature.ts";

/** One character changed at position `at` (0 or the last), staying within the same alphabet. */
const flip = (value: string, at: number) =>
  value.slice(0, at) + (value[at] === "a" ? "b" : "a") + value.slice(at + 1);

describe("verifyIpnSignature near misses", () => {
  const key = "sk_test_nearMissMerchant01";
  const pid = "payment_11nearMiss";
  const genuine = signIpn(pid, key);

  it("refuses a signature one character off at its start and at its end", () => {
    expect(verifyIpnSignature(pid, genuine, key)).toBe(true);
    expect(verifyIpnSignature(pid, flip(genuine, 0), key)).toBe(false);
    expect(verifyIpnSignature(pid, flip(genuine, genuine.length - 1), key)).toBe(false);
  });

  it("refuses the genuine signature cut short or lengthened by one character", () => {
    expect(verifyIpnSignature(pid, genuine.slice(0, -1), key)).toBe(false);
    expect(verifyIpnSignature(pid, `${genuine}0`, key)).toBe(false);
  });
});
