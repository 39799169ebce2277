import type { z } from "zod";
import type { FieldError } from "./problem.ts";

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Parses one part of the request; every issue becomes a field error naming its dotted path. */
export function validatePart<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  where: FieldError["in"],
): Validated<T> {
  if (!schema) return { ok: true, value: undefined as T };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((issue) => ({
      field: issue.path.length > 0 ? issue.path.map(String).join(".") : where,
      in: where,
      message: issue.message,
    })),
  };
}
