import type { CardOnFile } from "./card-on-file.ts";
import type { CardFormState } from "./render-checkout-page.ts";
import { identifyCard, passesLuhn } from "./test-cards.ts";

export type CardFormResult = { ok: true; card: CardOnFile } | ({ ok: false } & CardFormState);

/**
 * Validates what the customer typed. Mistakes (bad Luhn, expired card, missing holder) are form
 * errors shown next to the field (message keys of `cardErrors`, written in the payment's language); refusals (card type, scoring) are decided later. Only the last
 * 4 digits and the test behaviour are kept: never the number or the CVC.
 */
export function readCardForm(body: unknown, nowMs: number): CardFormResult {
  const form = (typeof body === "object" && body !== null ? body : {}) as Record<string, unknown>;
  const text = (name: string) => (typeof form[name] === "string" ? (form[name] as string).trim() : "");
  const number = text("card_number").replace(/[\s-]/g, "");
  const expiry = text("expiry");
  const cvc = text("cvc");
  const holder = text("holder");
  const errors: CardFormState["errors"] = {};
  if (!/^\d{12,19}$/.test(number)) errors.card_number = "numberDigits";
  else if (!passesLuhn(number)) errors.card_number = "numberInvalid";
  const match = /^(0[1-9]|1[0-2])\s*\/\s*(\d{2})$/.exec(expiry);
  const expMonth = match ? Number(match[1]) : 0;
  const expYear = match ? 2000 + Number(match[2]) : 0;
  if (!match) errors.expiry = "expiryFormat";
  else if (Date.UTC(expYear, expMonth, 1) <= nowMs) errors.expiry = "expired";
  if (!/^\d{3,4}$/.test(cvc)) errors.cvc = "cvc";
  if (holder === "" || holder.length > 100) errors.holder = "holder";
  if (Object.keys(errors).length > 0) {
    return { ok: false, errors, values: { expiry: expiry.slice(0, 10), holder: holder.slice(0, 100) } };
  }
  const { brand, behaviour } = identifyCard(number);
  return { ok: true, card: { behaviour, brand, last4: number.slice(-4), expMonth, expYear, holder } };
}

/** A card is valid to the end of its expiry month; it must outlive the last instalment. */
export function expiresBefore(card: CardOnFile, unixSeconds: number): boolean {
  return Date.UTC(card.expYear, card.expMonth, 1) / 1000 <= unixSeconds;
}
