import type { FakeShopify } from "./fake-shopify.ts";

/** The library refuses OAuth to bots, and plain fetch looks like one. */
export const BROWSER_UA =
  "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/141.0.0.0 Safari/537.36";

/** A cookie jar of one browser: `Set-Cookie` values in, a `Cookie` header out. */
export class CookieJar {
  readonly #cookies = new Map<string, string>();

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const index = pair.indexOf("=");
      const name = pair.slice(0, index).trim();
      const value = pair.slice(index + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === "") this.#cookies.delete(name);
      else this.#cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  get(name: string): string | undefined {
    return this.#cookies.get(name);
  }
}

/**
 * The merchant installing the app from Shopify: the signed install link, the library's redirect
 * to the grant screen, the merchant's approval on the fake, and the callback carrying the code.
 * Returns the browser's cookies (the settings session among them) and where the app sent it.
 */
export async function installShop(fake: FakeShopify, appUrl: string, shop: string) {
  const jar = new CookieJar();
  const get = async (url: string) => {
    const response = await fetch(url, {
      redirect: "manual",
      headers: { "User-Agent": BROWSER_UA, Cookie: jar.header() },
    });
    jar.store(response);
    return response;
  };
  const begin = await get(`${appUrl}/shopify/auth?${fake.signedQuery(shop)}`);
  const authorize = begin.headers.get("location");
  if (begin.status !== 302 || !authorize)
    throw new Error(`install did not redirect to Shopify (${begin.status})`);
  const callback = await get(fake.approveInstall(authorize));
  return { jar, status: callback.status, location: callback.headers.get("location"), response: callback };
}
