import type { z } from "zod";
import type { FieldError } from "./problem.ts";
import { unknownKeys } from "./unknown-keys.ts";

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Parses one part of the request; every issue becomes a field error naming its dotted path. */
export function validatePart<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  where: FieldError["in"],
): Validated<T> {
  if (!schema) return { ok: true, value: undefined as T };
  const parsed = schema.safeParse(value);
  // Bodies are strict: a key the schema does not declare is an error naming it, never dropped.
  const unknown = where === "body" ? unknownKeys(schema, value) : [];
  const extra: FieldError[] = unknown.map((field) => ({ field, in: where, message: "unknown field" }));
  if (parsed.success && extra.length === 0) return { ok: true, value: parsed.data };
  if (parsed.success) return { ok: false, errors: extra };
  return {
    ok: false,
    errors: [
      ...extra,
      ...parsed.error.issues.map((issue) => ({
        field: issue.path.length > 0 ? issue.path.map(String).join(".") : where,
        in: where,
        message: issue.message,
      })),
    ],
  };
}
