import { describe, expect, it } from "vitest";
import { maskEmail, maskPhone } from "./mask-contact.ts";

describe("masking customer contacts", () => {
  it("keeps the start of an e-mail's local part and its domain only", () => {
    expect(maskEmail("camille.martin@example.com")).toBe("ca***@example.com");
    expect(maskEmail("a@example.com")).toBe("a***@example.com");
    expect(maskEmail("not-an-email")).toBe("***");
  });

  it("keeps a phone's country code and last two digits only", () => {
    expect(maskPhone("+33 6 12 34 56 78")).toBe("+33*******78");
    expect(maskPhone("0612345678")).toBe("********78");
    expect(maskPhone("123")).toBe("***");
  });
});
