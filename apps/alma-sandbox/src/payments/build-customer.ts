import { newId } from "../ids/new-id.ts";
import type { JsonObject } from "./alma-payment.ts";

/**
 * Alma always returns a customer (`customer_…`): the one sent, else one made from the billing
 * address, as the checkout would collect it.
 */
export function buildCustomer(
  input: object | null | undefined,
  billing: JsonObject | null,
  now: number,
): JsonObject {
  const given = input ? (JSON.parse(JSON.stringify(input)) as JsonObject) : {};
  const pick = (field: string) => given[field] ?? billing?.[field] ?? null;
  return {
    birth_date: null,
    is_business: false,
    business_name: null,
    business_id_number: null,
    banking_data_collected: false,
    ...given,
    id: newId("customer"),
    created: now,
    first_name: pick("first_name"),
    last_name: pick("last_name"),
    email: pick("email"),
    phone: pick("phone"),
    addresses: given.addresses ?? (billing ? [billing] : []),
  };
}
