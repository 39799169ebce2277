import { describe, expect, it } from "vitest";
import { verifyWcSignature, wcSignature } from "./wc-signature.ts";

const flip = (value: string, at: number) =>
  value.slice(0, at) + (value[at] === "A" ? "B" : "A") + value.slice(at + 1);

describe("verifyWcSignature near misses", () => {
  const body = Buffer.from('{"id":1042,"status":"processing"}');
  const genuine = wcSignature(body, "webhook-secret-1");
  it("refuses a signature one character off at its start and at its end", () => {
    expect(verifyWcSignature(body, genuine, "webhook-secret-1")).toBe(true);
    expect(verifyWcSignature(body, flip(genuine, 0), "webhook-secret-1")).toBe(false);
    // The last base64 character is padding ("="): the last character that carries bits is before it.
    const last = genuine.replace(/=+$/, "").length - 1;
    expect(verifyWcSignature(body, flip(genuine, last), "webhook-secret-1")).toBe(false);
  });
});
