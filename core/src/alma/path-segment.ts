import { AlmaInputValidationError } from "./errors.ts";

/**
 * Encodes one path parameter. An empty id is refused: `/v1/payments/` + "" is the list endpoint,
 * so a missing id would otherwise turn "fetch this payment" into "list payments".
 */
export function pathSegment(value: string, name: string): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new AlmaInputValidationError(`${name} must be a non-empty string`, [
      { field: name, message: "Required" },
    ]);
  }
  return encodeURIComponent(value);
}
