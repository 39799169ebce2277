/**
 * The one rule for "blank means unset": a variable that is empty or only whitespace is treated
 * as absent, so its default applies (`PORT=` in an env file is not port 0). Applied once by the
 * server to the whole environment before any schema, the server's or a plugin's, parses it.
 */
export function withoutBlankValues(env: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && !isBlank(value)),
  );
}

/** The same rule for one value, for a schema used on its own (`z.preprocess(blankIsUnset, …)`). */
export function blankIsUnset(value: unknown): unknown {
  return isBlank(value) ? undefined : value;
}

function isBlank(value: unknown): boolean {
  return typeof value === "string" && value.trim() === "";
}
