import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "./constant-time-equal.ts";

describe("constantTimeEqual near misses", () => {
  const secret = "whsec_bmVhci1taXNzLXNlY3JldC0wMDAx";
  it("refuses a value one character off at its start, at its end, or one character shorter", () => {
    expect(constantTimeEqual(secret, secret)).toBe(true);
    expect(constantTimeEqual(`X${secret.slice(1)}`, secret)).toBe(false);
    expect(constantTimeEqual(`${secret.slice(0, -1)}X`, secret)).toBe(false);
    expect(constantTimeEqual(secret.slice(0, -1), secret)).toBe(false);
  });
});
