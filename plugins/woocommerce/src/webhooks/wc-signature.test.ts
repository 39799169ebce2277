import { describe, expect, it } from "vitest";
import { verifyWcSignature, wcSignature } from "./wc-signature.ts";

describe("WooCommerce webhook signature", () => {
  const body = Buffer.from(
    '{"id":1042,"payment_url":"https:\\/\\/shop.test\\/pay","billing":{"first_name":"Zo\\u00e9"}}',
  );
  it("accepts the base64 HMAC of the exact bytes and nothing else", () => {
    const signature = wcSignature(body, "secret-1");
    expect(verifyWcSignature(body, signature, "secret-1")).toBe(true);
    expect(verifyWcSignature(body, signature, "secret-2")).toBe(false);
    expect(verifyWcSignature(body, undefined, "secret-1")).toBe(false);
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString())));
    expect(verifyWcSignature(reserialised, signature, "secret-1")).toBe(false);
    const hex = signature.replace(/./g, "a");
    expect(verifyWcSignature(body, hex, "secret-1")).toBe(false);
  });
});
