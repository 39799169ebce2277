import { describe, expect, it } from "vitest";
import { findUnstorableText } from "./find-unstorable-text.ts";

describe("findUnstorableText", () => {
  it("names the first string or key holding a NUL or an unpaired surrogate, wherever it is", () => {
    expect(findUnstorableText("a\u0000b")).toBe("body");
    expect(findUnstorableText({ customer: { first_name: "Zo\u0000é" } })).toBe("customer.first_name");
    expect(findUnstorableText({ items: [{ title: "ok" }, { title: "\uD800" }] })).toBe("items.1.title");
    expect(findUnstorableText({ metadata: { "k\u0000": "v" } })).toBe("metadata.k\\u0000");
    expect(findUnstorableText({ note: "x\uDFFF" })).toBe("note");
  });
  it("passes everything else: emoji (paired surrogates), bidi and other control characters", () => {
    expect(
      findUnstorableText({ a: "\u202Eevil", b: "😀👨‍👩‍👧", c: "\r\n\t", d: [1, null, true] }),
    ).toBeUndefined();
    expect(findUnstorableText(null)).toBeUndefined();
  });
});
