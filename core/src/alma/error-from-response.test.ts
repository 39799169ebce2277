import { describe, expect, it } from "vitest";
import { errorFromResponse } from "./error-from-response.ts";
import {
  AlmaApiError,
  AlmaAuthenticationError,
  AlmaError,
  AlmaInvalidRequestError,
  AlmaNotFoundError,
  AlmaRateLimitError,
} from "./errors.ts";
import { almaErrorBodySchema } from "./schemas/error-body.ts";
import { loadFixture } from "./testing/load-fixture.ts";

describe("errorFromResponse", () => {
  it("maps a validation error to AlmaInvalidRequestError with Alma's message and field errors", () => {
    const error = errorFromResponse(400, loadFixture("errors/validation-error-refund"), "req_1");
    expect(error).toBeInstanceOf(AlmaInvalidRequestError);
    expect(error).toBeInstanceOf(AlmaError);
    expect(error).toMatchObject({
      name: "AlmaInvalidRequestError",
      status: 400,
      requestId: "req_1",
      code: "validation_error",
      message: "Le montant à rembourser ne peut pas être supérieur au montant de l'achat.",
      fieldErrors: [{ message: "Le montant à rembourser ne peut pas être supérieur au montant de l'achat." }],
    });
  });

  it("keeps the field of each field error and names it in the message", () => {
    const body = {
      error_code: "validation_error",
      errors: [{ field: "amount", message: "must be positive" }, { message: "global problem" }, 42],
    };
    const error = errorFromResponse(422, body);
    expect(error).toBeInstanceOf(AlmaInvalidRequestError);
    expect((error as AlmaInvalidRequestError).fieldErrors).toEqual([
      { field: "amount", message: "must be positive" },
      { message: "global problem" },
    ]);
    expect(error.message).toBe("amount: must be positive; global problem");
  });

  it("maps 404 bodies to AlmaNotFoundError with a readable message", () => {
    const error = errorFromResponse(404, loadFixture("errors/not-found"), "req_2");
    expect(error).toBeInstanceOf(AlmaNotFoundError);
    expect(error).toMatchObject({ status: 404, code: "not_found", requestId: "req_2" });
    expect(error.message).toBe("No payment found for payment_11uZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ");
  });

  it("maps 401 and 403 to AlmaAuthenticationError, reading `message`, else `error`", () => {
    const unauthorized = errorFromResponse(401, loadFixture("errors/unauthorized"));
    expect(unauthorized).toBeInstanceOf(AlmaAuthenticationError);
    expect(unauthorized.message).toBe("Credentials invalid or not supplied");
    expect(errorFromResponse(401, { error: "Unauthorized" }).message).toBe("Unauthorized");
    expect(errorFromResponse(403, { message: "SMS sending is not enabled" })).toBeInstanceOf(
      AlmaAuthenticationError,
    );
  });

  it("prefers `message` over `error`, like Alma's clients", () => {
    expect(errorFromResponse(400, { message: "from message", error: "from error" }).message).toBe(
      "from message",
    );
    expect(errorFromResponse(400, loadFixture("errors/message-only")).message).toBe(
      "Payment is not in a state that allows this action",
    );
    expect(errorFromResponse(400, { error: { message: "nested" } }).message).toBe("nested");
  });

  it("reads the odd `running` body", () => {
    const error = errorFromResponse(400, loadFixture("errors/running"));
    expect(error).toBeInstanceOf(AlmaInvalidRequestError);
    expect(error.message).toBe("Alma could not process 'purchase_amount'");
  });

  it("maps 429 to AlmaRateLimitError carrying the Retry-After delay", () => {
    const error = errorFromResponse(429, undefined, "req_3", 2000);
    expect(error).toBeInstanceOf(AlmaRateLimitError);
    expect((error as AlmaRateLimitError).retryAfterMs).toBe(2000);
    expect(error.message).toBe("Alma answered HTTP 429 without an error message");
  });

  it("maps 5xx and unlisted statuses to AlmaApiError, keeping a non-JSON body", () => {
    const html = "<html><body>502 Bad Gateway</body></html>";
    const error = errorFromResponse(502, html);
    expect(error).toBeInstanceOf(AlmaApiError);
    expect(error).toMatchObject({ status: 502, body: html });
    expect(error.message).toBe("Alma answered HTTP 502 without an error message");
    expect(errorFromResponse(500, loadFixture("errors/error-only")).message).toBe("Internal Server Error");
    expect(errorFromResponse(410, { message: "gone" })).toBeInstanceOf(AlmaApiError);
    expect(errorFromResponse(406, {})).toBeInstanceOf(AlmaApiError);
  });
});

describe("error body fixtures", () => {
  it.each([
    "errors/validation-error-refund",
    "errors/not-found",
    "errors/unauthorized",
    "errors/message-only",
    "errors/error-only",
    "errors/running",
  ])("%s is one of Alma's known error shapes", (name) => {
    expect(almaErrorBodySchema.safeParse(loadFixture(name)).success).toBe(true);
  });
});
