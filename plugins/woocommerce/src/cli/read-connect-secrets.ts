import { z } from "zod";

const secretsSchema = z.object({
  consumer_key: z.string().min(1),
  consumer_secret: z.string().min(1),
  alma_test_key: z.string().min(1).optional(),
  alma_live_key: z.string().min(1).optional(),
});

export type ConnectSecrets = {
  consumerKey: string;
  consumerSecret: string;
  almaTestKey?: string;
  almaLiveKey?: string;
};

/** The secrets of `woocommerce connect`, as JSON on standard input. Errors never echo a value. */
export function readConnectSecrets(
  text: string,
): { ok: true; value: ConnectSecrets } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      ok: false,
      error: "stdin must be a JSON object with consumer_key, consumer_secret and an Alma key",
    };
  }
  const parsed = secretsSchema.safeParse(json);
  if (!parsed.success) {
    return {
      ok: false,
      error: `missing or empty on stdin: ${parsed.error.issues.map((i) => i.path.join(".")).join(", ")}`,
    };
  }
  const s = parsed.data;
  return {
    ok: true,
    value: {
      consumerKey: s.consumer_key,
      consumerSecret: s.consumer_secret,
      ...(s.alma_test_key ? { almaTestKey: s.alma_test_key } : {}),
      ...(s.alma_live_key ? { almaLiveKey: s.alma_live_key } : {}),
    },
  };
}
