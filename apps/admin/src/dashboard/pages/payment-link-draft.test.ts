import { describe, expect, it } from "vitest";
import { checkPaymentLink, draftFieldOf, EMPTY_LINK_DRAFT } from "./payment-link-draft.ts";

describe("checkPaymentLink", () => {
  it("builds the request in integer cents with only the contact details given", () => {
    expect(
      checkPaymentLink({
        ...EMPTY_LINK_DRAFT,
        amount: "149.9",
        reference: " POS-12 ",
        installmentsCount: "4",
        phone: "+33 6 12 34 56 78",
      }),
    ).toEqual({
      ok: true,
      input: {
        amountCents: 14990,
        reference: "POS-12",
        installmentsCount: 4,
        customer: { phone: "+33612345678" },
        // The customer's language: French unless staff chose another.
        locale: "fr",
      },
    });
  });

  it("needs an amount, a reference and a phone or an e-mail", () => {
    const check = checkPaymentLink(EMPTY_LINK_DRAFT);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(["amount", "phone", "reference"]);
  });

  it("refuses a bad e-mail, a bad phone, three decimals and a count Alma does not offer here", () => {
    const check = checkPaymentLink({
      ...EMPTY_LINK_DRAFT,
      amount: "10.001",
      reference: "R",
      installmentsCount: "5",
      email: "not-an-email",
      phone: "12",
    });
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(Object.keys(check.errors).sort()).toEqual(["amount", "email", "installmentsCount", "phone"]);
  });
});

describe("draftFieldOf", () => {
  it("puts the server's refusal next to the field it names", () => {
    expect(draftFieldOf("customer.phone")).toBe("phone");
    expect(draftFieldOf("customer")).toBe("phone");
    expect(draftFieldOf("amountCents")).toBe("amount");
    expect(draftFieldOf("reference")).toBe("reference");
    expect(draftFieldOf("tenant")).toBeNull();
    expect(draftFieldOf(undefined)).toBeNull();
  });
});
