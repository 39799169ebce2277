import { z } from "zod";

/** What JSON can hold: the type of Alma's free-form fields (`custom_data`, an order's `data`). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * Any JSON value, as `z.json()` accepts, checked by one walk instead of zod's lazy union, which
 * tries each branch at every level: many times the CPU, on fields that every payment answer
 * and payment creation carries. Nesting deeper than 64 levels is refused (no stack overflow).
 */
export const jsonValueSchema = z.custom<JsonValue>((value) => isJsonValue(value, 0), {
  error: (issue) => (issue.input === undefined ? "Required" : "Expected a JSON value"),
});

function isJsonValue(value: unknown, depth: number): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "object" || depth >= 64) return false;
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) {
    if (!isJsonValue((value as Record<string, unknown>)[key], depth + 1)) return false;
  }
  return true;
}
