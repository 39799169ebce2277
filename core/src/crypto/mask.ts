/**
 * What logs and admin pages may show of a secret: its prefix (so an operator can tell a live
 * key from a test key) and its last 4 characters, never more than a quarter of it.
 */
export function maskSecret(secret: string): string {
  if (secret.length === 0) return "";
  const prefix = /^(sk_live_|sk_test_|shpat_|shpua_|ck_|cs_|whsec_|ask_)/.exec(secret)?.[1] ?? "";
  const rest = secret.slice(prefix.length);
  const tail = rest.length >= 16 ? rest.slice(-4) : "";
  return `${prefix}${"*".repeat(4)}${tail}`;
}

const SECRET_FIELD = /(key|secret|token|password|authorization|signature|cookie|card_?number|cvc|cvv)/i;
const INLINE_SECRET = /\b(sk_(?:live|test)_[A-Za-z0-9]+|shp(?:at|ua)_[A-Za-z0-9]+|cs_[A-Za-z0-9]{8,})\b/g;

/** Masks secret-looking fields and inline API keys anywhere in a value about to be logged. */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (depth > 8) return "[deep]";
  if (typeof value === "string") return value.replace(INLINE_SECRET, (s) => maskSecret(s));
  if (Array.isArray(value)) return value.map((v) => maskSecrets(v, depth + 1));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      out[k] = SECRET_FIELD.test(k) && typeof v === "string" ? maskSecret(v) : maskSecrets(v, depth + 1);
    }
    return out;
  }
  return value;
}
