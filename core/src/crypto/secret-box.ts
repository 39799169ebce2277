import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * Secrets at rest (Alma keys, platform tokens, webhook secrets) are sealed with AES-256-GCM.
 * Format: `v1.<iv>.<tag>.<ciphertext>` in base64url, so a future key rotation or algorithm
 * change can be recognised by its prefix. GCM authenticates: a tampered value fails to open
 * instead of decrypting to garbage.
 */
export class SecretBox {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error("SecretBox needs a 32-byte key (AES-256)");
    this.#key = Buffer.from(key);
  }

  static generateKey(): Buffer {
    return randomBytes(32);
  }

  /** Accepts the master key as 64 hex characters or base64 of 32 bytes. */
  static fromEncodedKey(encoded: string): SecretBox {
    const trimmed = encoded.trim();
    const key = /^[0-9a-fA-F]{64}$/.test(trimmed)
      ? Buffer.from(trimmed, "hex")
      : Buffer.from(trimmed, "base64");
    if (key.length !== 32) throw new Error("the master key must be 32 bytes, as 64 hex characters or base64");
    return new SecretBox(key);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv("aes-256-gcm", this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return ["v1", iv, cipher.getAuthTag(), ciphertext]
      .map((p) => (typeof p === "string" ? p : p.toString("base64url")))
      .join(".");
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split(".");
    if (version !== "v1" || iv === undefined || tag === undefined || ciphertext === undefined) {
      throw new Error("not a sealed secret");
    }
    const decipher = createDecipheriv("aes-256-gcm", this.#key, Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    try {
      return Buffer.concat([
        decipher.update(Buffer.from(ciphertext, "base64url")),
        decipher.final(),
      ]).toString("utf8");
    } catch {
      throw new Error("sealed secret could not be opened (wrong master key or tampered value)");
    }
  }
}
