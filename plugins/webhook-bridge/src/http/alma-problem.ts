import {
  AlmaApiError,
  AlmaAuthenticationError,
  AlmaConnectionError,
  AlmaError,
  AlmaInputValidationError,
  AlmaInvalidRequestError,
  AlmaRateLimitError,
} from "@alma-suite/core";
import { problem } from "./problem.ts";

/**
 * Maps a failed Alma call to the agency's problem: Alma saying no is a 422 with Alma's field
 * errors, Alma being unreachable a 503 to retry. Anything that is not an Alma error is a fault.
 */
export function almaProblem(error: unknown): ReturnType<typeof problem> {
  if (!(error instanceof AlmaError)) throw error;
  if (
    error instanceof AlmaConnectionError ||
    error instanceof AlmaRateLimitError ||
    (error instanceof AlmaApiError && (error.status ?? 500) >= 500)
  ) {
    return problem("alma_unavailable", `Alma did not answer: ${error.message}`);
  }
  if (error instanceof AlmaAuthenticationError) {
    return problem(
      "alma_key_rejected",
      "Alma refused the merchant's key; update it with PUT /v1/merchants/{merchantRef}",
    );
  }
  const fieldErrors =
    error instanceof AlmaInvalidRequestError || error instanceof AlmaInputValidationError
      ? error.fieldErrors
      : [];
  return problem("alma_rejected", error.message, {
    field: fieldErrors[0]?.field,
    errors: fieldErrors.map((e) => ({ field: e.field ?? "body", in: "body" as const, message: e.message })),
  });
}
