import type { z } from "zod";
import type { FieldError } from "./send-error.ts";

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** zod issues as Alma-style field errors; the field is the dotted path inside the body. */
export function parseWith<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix = "",
): ParseResult<z.output<S>> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      field: [prefix, ...issue.path.map(String)].filter((p) => p !== "").join(".") || "body",
      message: issue.message,
    })),
  };
}
