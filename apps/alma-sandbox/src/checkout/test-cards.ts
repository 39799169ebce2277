export type CardBehaviour =
  | "success"
  | "three_ds_failure"
  | "risk_refusal"
  | "scored_maybe"
  | "insufficient_funds"
  | "fails_later"
  | "prepaid"
  | "virtual"
  | "electron"
  | "maestro";

export interface TestCard {
  number: string;
  brand: string;
  behaviour: CardBehaviour;
  outcome: string;
}

/** The documented test cards (also in README.md); numbers are Luhn-valid. */
export const TEST_CARDS: readonly TestCard[] = [
  { number: "4242424242424242", brand: "Visa", behaviour: "success", outcome: "Accepted" },
  { number: "5555555555554444", brand: "Mastercard", behaviour: "success", outcome: "Accepted" },
  { number: "4000002500001001", brand: "CB", behaviour: "success", outcome: "Accepted (Carte Bancaire)" },
  {
    number: "4000000000003063",
    brand: "Visa",
    behaviour: "three_ds_failure",
    outcome: "3-D Secure fails whatever the code; payment stays not_started",
  },
  {
    number: "4000000000000002",
    brand: "Visa",
    behaviour: "risk_refusal",
    outcome: "Refused by Alma's risk scoring: state scored_no (final)",
  },
  {
    number: "4000000000000101",
    brand: "Visa",
    behaviour: "scored_maybe",
    outcome:
      "Alma wants more information: state scored_maybe, accepted 1 day later (or decided by the admin route)",
  },
  {
    number: "4000000000009995",
    brand: "Visa",
    behaviour: "insufficient_funds",
    outcome: "Refused at the balance check (insufficient funds); payment stays not_started",
  },
  {
    number: "4000000000000341",
    brand: "Visa",
    behaviour: "fails_later",
    outcome:
      "Accepted, first instalment paid; later instalments fail → late_dunning, late_contact_customer after 8 days, default after 15",
  },
  { number: "5105105105105100", brand: "Mastercard", behaviour: "prepaid", outcome: "Refused: prepaid card" },
  { number: "4000000000000077", brand: "Visa", behaviour: "virtual", outcome: "Refused: virtual card" },
  {
    number: "4917300800000000",
    brand: "Visa Electron",
    behaviour: "electron",
    outcome: "Refused: Visa Electron",
  },
  { number: "6759649826438453", brand: "Maestro", behaviour: "maestro", outcome: "Refused: Maestro" },
];

/**
 * Card kinds Alma does not take: the card may be real, but it cannot carry a schedule. The value
 * is the refusal's message key (`outcome.*` in the checkout catalogues).
 */
export const REFUSED_CARD_TYPES: Partial<Record<CardBehaviour, string>> = {
  prepaid: "prepaid",
  virtual: "virtual",
  electron: "electron",
  maestro: "maestro",
};

/** Any other Luhn-valid number behaves like a success card; its brand is guessed from the prefix. */
export function identifyCard(number: string): { brand: string; behaviour: CardBehaviour } {
  const known = TEST_CARDS.find((card) => card.number === number);
  if (known) return { brand: known.brand, behaviour: known.behaviour };
  if (/^4/.test(number)) return { brand: "Visa", behaviour: "success" };
  if (/^(5[1-5]|2[2-7])/.test(number)) return { brand: "Mastercard", behaviour: "success" };
  if (/^3[47]/.test(number)) return { brand: "American Express", behaviour: "success" };
  return { brand: "Card", behaviour: "success" };
}

export function passesLuhn(number: string): boolean {
  if (!/^\d{12,19}$/.test(number)) return false;
  let sum = 0;
  for (let i = 0; i < number.length; i++) {
    let digit = Number(number[number.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}
