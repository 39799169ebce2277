import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets at rest (Alma keys, platform tokens, webhook secrets) are sealed with AES-256-GCM.
 * Format: `v1.<iv>.<tag>.<ciphertext>` in base64url, so a future algorithm change can be
 * recognised by its prefix. GCM authenticates: a tampered value fails to open instead of
 * decrypting to garbage, which is also how a value sealed under another key is told apart.
 *
 * A box seals with one key and can also open with previous ones: while the master key is
 * rotated, values sealed under the old key stay readable until they are all sealed again.
 */
export class SecretBox {
  readonly #key: Buffer;
  readonly #previous: readonly Buffer[];

  constructor(key: Buffer, previousKeys: readonly Buffer[] = []) {
    for (const k of [key, ...previousKeys]) {
      if (k.length !== 32) throw new Error("SecretBox needs a 32-byte key (AES-256)");
    }
    this.#key = Buffer.from(key);
    this.#previous = previousKeys.map((k) => Buffer.from(k));
  }

  static generateKey(): Buffer {
    return randomBytes(32);
  }

  /** Accepts each master key as 64 hex characters or base64 of 32 bytes. */
  static fromEncodedKey(encoded: string, previousEncoded: readonly string[] = []): SecretBox {
    return new SecretBox(decodeKey(encoded), previousEncoded.map(decodeKey));
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return ["v1", iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
      .join(".");
  }

  /** Opens with the current key, then each previous one. */
  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(".");
    if (version !== "v1" || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error("not a sealed secret");
    }
    const [ivBytes, tagBytes, cipherBytes] = [iv, tag, ciphertext].map((p) => Buffer.from(p, "base64url"));
    for (const key of [this.#key, ...this.#previous]) {
      const decipher = createDecipheriv("aes-256-gcm", key, ivBytes!);
      decipher.setAuthTag(tagBytes!);
      try {
        return Buffer.concat([decipher.update(cipherBytes!), decipher.final()]).toString("utf8");
      } catch {
        // Not this key (or tampered): try the next one.
      }
    }
    throw new Error("sealed secret could not be opened (wrong master key or tampered value)");
  }
}

function decodeKey(encoded: string): Buffer {
  const trimmed = encoded.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new Error("the master key must be 32 bytes, as 64 hex characters or base64");
  return key;
}
