import { z } from "zod";

/**
 * A string field whose known values we list for autocompletion, but which accepts any string.
 * Alma adds states without notice (the JS client knows `late`, the Python one does not); a closed
 * z.enum would turn such an addition into a parse failure of every payment list, so unknown values
 * pass and callers treat them as "not one I handle".
 */
export function openEnum<const T extends readonly [string, ...string[]]>(values: T) {
  return z.custom<T[number] | (string & {})>((value) => typeof value === "string", {
    error: (issue) => (issue.input === undefined ? "Required" : `Expected a string such as "${values[0]}"`),
  });
}
