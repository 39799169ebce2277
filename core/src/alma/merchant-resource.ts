import { parseInput } from "./check-schema.ts";
import type { RequestSender } from "./request-sender.ts";
import { type FeePlan, feePlanListSchema } from "./schemas/fee-plan.ts";
import { type FeePlansFilter, feePlansFilterSchema } from "./schemas/fee-plans-filter.ts";
import { type Merchant, merchantSchema } from "./schemas/merchant.ts";

/** The account the API key belongs to (`/v1/me/...`). */
export class MerchantResource {
  readonly #sender: RequestSender;

  constructor(sender: RequestSender) {
    this.#sender = sender;
  }

  /** Also the cheapest way to check that a key works: a bad one gives AlmaAuthenticationError. */
  async me(): Promise<Merchant> {
    return this.#sender.send({
      method: "GET",
      path: "/v1/me/extended-data",
      schema: merchantSchema,
      label: "merchant",
    });
  }

  /** Defaults: online plans (`general`), every instalment count, deferred plans included. */
  async feePlans(filter: FeePlansFilter = {}): Promise<FeePlan[]> {
    const { kind, only, deferred } = parseInput(feePlansFilterSchema, filter, "fee plans filter");
    return this.#sender.send({
      method: "GET",
      path: "/v1/me/fee-plans",
      // Alma expects literal strings: `only=all` or `only=3,4`, `deferred=true`.
      query: { kind, only: only === "all" ? "all" : only.join(","), deferred: String(deferred) },
      schema: feePlanListSchema,
      label: "fee_plans",
    });
  }
}
