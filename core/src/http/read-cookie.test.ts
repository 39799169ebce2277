import { describe, expect, it } from "vitest";
import { readCookie } from "./read-cookie.ts";

describe("readCookie", () => {
  it("finds one cookie among several, keeping '=' inside its value", () => {
    expect(readCookie("a=1; session=abc.d=ef; b=2", "session")).toBe("abc.d=ef");
  });

  it("is undefined for a missing header, a missing cookie or a name that only starts the same", () => {
    expect(readCookie(undefined, "session")).toBeUndefined();
    expect(readCookie("sessionx=1; other=2", "session")).toBeUndefined();
  });
});
