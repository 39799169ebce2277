import { parseInput } from "./check-schema.ts";
import type { RequestSender } from "./request-sender.ts";
import { type Eligibility, eligibilityListSchema } from "./schemas/eligibility.ts";
import { type EligibilityInput, eligibilityInputSchema } from "./schemas/eligibility-input.ts";

/** Which plans Alma would offer for a basket (`POST /v2/payments/eligibility`). */
export class EligibilityResource {
  readonly #sender: RequestSender;

  constructor(sender: RequestSender) {
    this.#sender = sender;
  }

  /**
   * One item per query, in order. "Not eligible" is an answer (`eligible: false` with reasons
   * and constraints), not an error. A read despite the POST, hence idempotent.
   */
  async check(input: EligibilityInput): Promise<Eligibility[]> {
    const body = parseInput(eligibilityInputSchema, input, "eligibility");
    return this.#sender.send({
      method: "POST",
      path: "/v2/payments/eligibility",
      body,
      schema: eligibilityListSchema,
      label: "eligibility",
      idempotent: true,
    });
  }
}
