/**
 * What storage needs from the encryption layer. The AES-256-GCM implementation lives in
 * `core/src/crypto/secret-box.ts`; storage depends only on this shape so it can be tested with a double
 * and never learns the master key.
 */
export interface SecretBox {
  seal(plaintext: string): string;
  open(sealed: string): string;
}
