/**
 * One cookie's raw value from a `Cookie` request header, or undefined. Values are not
 * URL-decoded: ours are base64url, and a value changed by decoding would fail its signature.
 */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const separator = part.indexOf("=");
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim();
  }
  return undefined;
}
