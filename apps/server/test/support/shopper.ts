/** A cookie-keeping client for the demo store's pages: one instance is one shopper's browser. */
export class Shopper {
  readonly #base: string;
  readonly #cookies = new Map<string, string>();
  readonly #language: string;

  /** `language` is the browser's Accept-Language; these tests read the shop in English unless told. */
  constructor(base: string, language = "en-GB,en;q=0.9") {
    this.#base = base;
    this.#language = language;
  }

  async request(
    path: string,
    form?: Record<string, string>,
  ): Promise<{ status: number; location: string | null; html: string }> {
    const url = path.startsWith("http") ? path : `${this.#base}${path}`;
    const headers: Record<string, string> = {
      cookie: [...this.#cookies].map(([k, v]) => `${k}=${v}`).join("; "),
      "accept-language": this.#language,
    };
    if (form) headers["content-type"] = "application/x-www-form-urlencoded";
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers,
      body: form ? new URLSearchParams(form).toString() : undefined,
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const [name = "", ...value] = pair.split("=");
      if (/expires=Thu, 01 Jan 1970/i.test(line)) this.#cookies.delete(name);
      else this.#cookies.set(name, value.join("="));
    }
    return {
      status: response.status,
      location: response.headers.get("location"),
      html: await response.text(),
    };
  }

  /** Follows redirects within any origin, as a browser would. */
  async follow(
    path: string,
    form?: Record<string, string>,
  ): Promise<{ url: string; status: number; html: string }> {
    let url = path.startsWith("http") ? path : `${this.#base}${path}`;
    let answer = await this.request(url, form);
    for (let hops = 0; answer.location && hops < 10; hops++) {
      url = new URL(answer.location, url).toString();
      answer = await this.request(url);
    }
    return { url, status: answer.status, html: answer.html };
  }
}
