import { randomInt } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Uniform base62 text from the CSPRNG (randomInt avoids modulo bias). */
export function randomBase62(length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

export type IdPrefix =
  | "payment"
  | "refund"
  | "order"
  | "installment"
  | "customer"
  | "ipn"
  | "sms"
  | "webhook"
  | "event";

/**
 * Alma ids are `<object>_` + 34 base62 characters; payment ids observed in the wild start with
 * `11`, which we imitate so that code sniffing ids sees familiar values.
 */
export function newId(prefix: IdPrefix): string {
  return prefix === "payment" ? `payment_11${randomBase62(32)}` : `${prefix}_${randomBase62(34)}`;
}

/** Base62 digits of a byte string, for ids that must be stable (merchant ids derived from a key). */
export function base62FromBytes(bytes: Uint8Array, length: number): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = "";
  while (out.length < length) {
    out = BASE62[Number(value % 62n)] + out;
    value /= 62n;
  }
  return out;
}
