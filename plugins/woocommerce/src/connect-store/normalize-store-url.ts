/** A store's home URL as we key it: http(s), no credentials, query or fragment, no trailing slash. */
export function normalizeStoreUrl(input: string): { ok: true; url: string } | { ok: false; error: string } {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return { ok: false, error: "store URL is not a URL" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    return { ok: false, error: "store URL must be http(s)" };
  if (url.username || url.password) return { ok: false, error: "store URL must not carry credentials" };
  if (url.search || url.hash) return { ok: false, error: "store URL must not have a query or fragment" };
  return { ok: true, url: `${url.origin}${url.pathname.replace(/\/+$/, "")}` };
}
