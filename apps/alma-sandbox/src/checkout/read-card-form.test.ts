import { describe, expect, it } from "vitest";
import { expiresBefore, readCardForm } from "./read-card-form.ts";
import { passesLuhn, TEST_CARDS } from "./test-cards.ts";

const now = Date.UTC(2026, 0, 15);

describe("readCardForm", () => {
  it("keeps only the last 4 digits and the behaviour", () => {
    const result = readCardForm(
      { card_number: "4242 4242 4242 4242", expiry: "12/30", cvc: "123", holder: "Jo" },
      now,
    );
    expect(result).toEqual({
      ok: true,
      card: { behaviour: "success", brand: "Visa", last4: "4242", expMonth: 12, expYear: 2030, holder: "Jo" },
    });
  });

  it("reports every field mistake", () => {
    const result = readCardForm(
      { card_number: "4242424242424241", expiry: "13/30", cvc: "1", holder: "" },
      now,
    );
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(Object.keys(result.errors).sort()).toEqual(["card_number", "cvc", "expiry", "holder"]);
    const expired = readCardForm(
      { card_number: "4242424242424242", expiry: "12/25", cvc: "123", holder: "A" },
      now,
    );
    expect(expired.ok ? undefined : expired.errors.expiry).toBe("expired");
  });

  it("tells when a card expires before a date", () => {
    const card = {
      behaviour: "success",
      brand: "Visa",
      last4: "4242",
      expMonth: 2,
      expYear: 2026,
      holder: "A",
    } as const;
    expect(expiresBefore(card, Date.UTC(2026, 1, 28) / 1000)).toBe(false);
    expect(expiresBefore(card, Date.UTC(2026, 2, 1) / 1000)).toBe(true);
  });

  it("documents only Luhn-valid test cards", () => {
    for (const card of TEST_CARDS) expect(passesLuhn(card.number), card.number).toBe(true);
  });
});
