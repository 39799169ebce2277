import { createHash, randomBytes } from "node:crypto";

const TOKEN = /^abk_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface NewApiKeyToken {
  keyId: string;
  /** Shown to the agency once; never stored. */
  token: string;
  secretHash: string;
  last4: string;
}

/**
 * `abk_<key id>_<secret>`: the id finds the row, the secret (256 random bits) is stored only as its
 * SHA-256. A slow hash would add nothing: the secret is not a guessable password.
 */
export function generateApiKeyToken(): NewApiKeyToken {
  const keyId = randomBytes(8).toString("hex");
  const secret = randomBytes(32).toString("base64url");
  return { keyId, token: `abk_${keyId}_${secret}`, secretHash: hashSecret(secret), last4: secret.slice(-4) };
}

export function parseApiKeyToken(token: string): { keyId: string; secret: string } | undefined {
  const match = TOKEN.exec(token);
  if (!match?.[1] || !match[2]) return undefined;
  return { keyId: match[1], secret: match[2] };
}

export function hashSecret(secret: string): string {
  return createHash("sha256").update(secret, "utf8").digest("hex");
}

/** What lists and logs may show. */
export function displayApiKey(keyId: string, last4: string): string {
  return `abk_${keyId}_****${last4}`;
}
