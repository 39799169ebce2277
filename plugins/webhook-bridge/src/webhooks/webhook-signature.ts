import { createHmac, createSecretKey, type KeyObject, randomBytes } from "node:crypto";

const PREFIX = "whsec_";

/** 24 random bytes, base64, behind `whsec_`: the Standard Webhooks secret format. */
export function generateWebhookSecret(): string {
  return `${PREFIX}${randomBytes(24).toString("base64")}`;
}

export function isWebhookSecret(value: string): boolean {
  if (!value.startsWith(PREFIX)) return false;
  const bytes = Buffer.from(value.slice(PREFIX.length), "base64");
  return bytes.length >= 24 && bytes.length <= 64;
}

/** A secret, or the key `webhookKey` prepared from it. */
export type WebhookSecret = string | KeyObject;

/**
 * `webhook-signature` per the Standard Webhooks specification: for each active secret,
 * `v1,` + base64 HMAC-SHA256 of `id.timestamp.body` keyed with the secret's decoded bytes,
 * space-separated so that during a rotation either secret verifies.
 */
export function signWebhook(input: {
  id: string;
  timestamp: number;
  body: string;
  secrets: readonly WebhookSecret[];
}): string {
  const content = `${input.id}.${input.timestamp}.${input.body}`;
  return input.secrets
    .map((secret) => {
      const key = typeof secret === "string" ? webhookKey(secret) : secret;
      return `v1,${createHmac("sha256", key).update(content, "utf8").digest("base64")}`;
    })
    .join(" ");
}

/**
 * The secret's decoded bytes as a KeyObject. A sender keeps it and signs with it: handed bytes,
 * createHmac builds a key object on every call, which costs several times the HMAC itself.
 */
export function webhookKey(secret: string): KeyObject {
  return createSecretKey(
    Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64"),
  );
}

/** The three headers of one delivery attempt; the timestamp is the attempt's, in seconds. */
export function webhookHeaders(input: {
  id: string;
  timestampMs: number;
  body: string;
  secrets: readonly WebhookSecret[];
}): Record<string, string> {
  const timestamp = Math.floor(input.timestampMs / 1000);
  return {
    "webhook-id": input.id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signWebhook({ id: input.id, timestamp, body: input.body, secrets: input.secrets }),
  };
}
