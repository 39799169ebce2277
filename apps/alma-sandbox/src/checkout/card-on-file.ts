import type { CardBehaviour } from "./test-cards.ts";

export interface CardOnFile {
  behaviour: CardBehaviour;
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
  holder: string;
}
