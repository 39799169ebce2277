import type { z } from "zod";
import { type AlmaFieldError, AlmaInputValidationError } from "./errors.ts";

export type SchemaCheck<T> =
  | { ok: true; value: T }
  | { ok: false; issues: AlmaFieldError[]; message: string };

// Zod 4 says "expected number, received undefined" for a missing key; "Required" reads better in
// a log line and is what the callers grep for.
const requiredWhenMissing = (issue: { input?: unknown }) =>
  issue.input === undefined ? "Required" : undefined;

/**
 * Validates `data` and, on failure, names every bad field by its full path under `label`, e.g.
 * `payment.payment_plan[0].due_date: Required`, so an error log alone says what Alma changed.
 */
export function checkSchema<T>(schema: z.ZodType<T>, data: unknown, label: string): SchemaCheck<T> {
  const result = schema.safeParse(data, { error: requiredWhenMissing });
  if (result.success) return { ok: true, value: result.data };
  const issues = result.error.issues.map((issue) => ({
    field: pathOf(label, issue.path),
    message: issue.message,
  }));
  const shown = issues.slice(0, 5).map((i) => `${i.field}: ${i.message}`);
  if (issues.length > shown.length) shown.push(`and ${issues.length - shown.length} more`);
  return { ok: false, issues, message: shown.join("; ") };
}

function pathOf(label: string, path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) => (typeof key === "number" ? `${acc}[${key}]` : `${acc}.${String(key)}`),
    label,
  );
}

/** Validates caller input before anything is sent; throws AlmaInputValidationError naming each field. */
export function parseInput<T>(schema: z.ZodType<T>, data: unknown, label: string): T {
  const checked = checkSchema(schema, data, label);
  if (checked.ok) return checked.value;
  throw new AlmaInputValidationError(`Invalid ${label}: ${checked.message}`, checked.issues);
}
