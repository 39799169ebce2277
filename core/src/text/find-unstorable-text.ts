/** What PostgreSQL cannot hold: NUL in text or JSONB, and unpaired surrogates in JSONB. */
const unstorable = (text: string) => text.includes("\u0000") || !text.isWellFormed();

/** The sentence inbound routes answer with, after the field's path. */
export const UNSTORABLE_TEXT = "must not contain the NUL character or an unpaired UTF-16 surrogate";

/**
 * The dotted path of the first string (value or object key) in `value` holding a NUL character or
 * an unpaired surrogate, or undefined. No name, reference or URL needs either, and PostgreSQL
 * refuses both, so inbound bodies carrying one are refused at the door (4xx) rather than failing
 * at the database (5xx) on one backend and not on the other.
 */
export function findUnstorableText(value: unknown, path = ""): string | undefined {
  if (typeof value === "string") return unstorable(value) ? path || "body" : undefined;
  if (typeof value !== "object" || value === null) return undefined;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (unstorable(key)) return at.toWellFormed().replaceAll("\u0000", "\\u0000");
    const found = findUnstorableText(item, at);
    if (found) return found;
  }
  return undefined;
}
