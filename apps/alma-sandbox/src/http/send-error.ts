import type { Response } from "express";

export interface FieldError {
  field: string;
  message: string;
}

/**
 * Alma's 400 shape: `{error_code: "validation_error", errors: [{message}]}` with no top-level
 * message (fixtures/alma/errors/validation-error-refund.json); each error also names its field.
 */
export function sendValidationError(res: Response, errors: FieldError[]): void {
  res.status(400).json({
    error_code: "validation_error",
    errors: errors.map((e) => ({ message: `${e.field}: ${e.message}`, field: e.field })),
  });
}

/** Alma's 404 shape: `{error_code: "not_found", object_type, value}`. */
export function sendNotFound(res: Response, objectType: string, value: string): void {
  res.status(404).json({ error_code: "not_found", object_type: objectType, value });
}

/** A request that is well formed but not allowed in the object's current state. */
export function sendBadRequest(res: Response, errorCode: string, message: string): void {
  res.status(400).json({ error_code: errorCode, message });
}
