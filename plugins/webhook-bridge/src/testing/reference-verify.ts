import { Webhook } from "standardwebhooks";

/**
 * Verifies a delivery with `standardwebhooks`, the specification's reference implementation (not
 * our signing code), and returns the parsed payload; throws if the signature does not hold.
 */
export function verifyWithReference(secret: string, body: string, headers: Record<string, string>): unknown {
  return new Webhook(secret).verify(body, headers);
}
