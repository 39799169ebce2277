/**
 * `wp_json_encode` as WordPress calls it (json_encode without flags): "/" becomes "\/" and every
 * non-ASCII character a \uXXXX escape. The fake sends exactly these bytes so that a connector that
 * re-serialises a parsed body instead of hashing the raw bytes fails the signature, as it would
 * against a real store.
 */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
