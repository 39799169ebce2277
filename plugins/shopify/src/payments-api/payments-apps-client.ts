import { deadline } from "@alma-suite/core";
import { shopUrl } from "../shopify-app/shop-url.ts";
import { ShopifyAuthError, ShopifyGraphqlError, ShopifyUnavailableError } from "./shopify-errors.ts";

export interface PaymentsAppsClientOptions {
  /** Origin template, `https://{shop}` in production. */
  shopOrigin: string;
  apiVersion: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The narrow slice of Shopify we call: one GraphQL POST to the Payments Apps API of a shop with
 * its offline token (the library's GraphQL client only targets the Admin API). Transport
 * failures throw typed errors; callers run inside durable jobs, which retry them.
 */
export class PaymentsAppsClient {
  readonly #options: PaymentsAppsClientOptions;

  constructor(options: PaymentsAppsClientOptions) {
    this.#options = options;
  }

  endpoint(shop: string): string {
    return shopUrl(
      this.#options.shopOrigin,
      shop,
      `/payments_apps/api/${this.#options.apiVersion}/graphql.json`,
    );
  }

  async request(
    shop: string,
    accessToken: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    const fetchImpl = this.#options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    let response: Response;
    let text: string;
    const timeout = deadline(this.#options.timeoutMs ?? 15_000);
    try {
      response = await fetchImpl(this.endpoint(shop), {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          Accept: "application/json",
          "X-Shopify-Access-Token": accessToken,
        },
        body: JSON.stringify({ query, variables }),
        signal: timeout.signal,
      });
      text = await response.text();
    } catch (error) {
      throw new ShopifyUnavailableError(`Shopify unreachable for ${shop}`, undefined, { cause: error });
    } finally {
      timeout.clear();
    }
    if (response.status === 401 || response.status === 403) {
      throw new ShopifyAuthError(
        `Shopify refused the token of ${shop} (${response.status})`,
        response.status,
      );
    }
    if (response.status === 429 || response.status >= 500) {
      throw new ShopifyUnavailableError(`Shopify answered ${response.status} for ${shop}`, response.status);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ShopifyUnavailableError(`Shopify answered ${response.status} without JSON`, response.status);
    }
    if (!response.ok)
      throw new ShopifyGraphqlError(`Shopify answered ${response.status}: ${text.slice(0, 300)}`);
    const { data, errors } = (body ?? {}) as { data?: Record<string, unknown>; errors?: unknown };
    if (Array.isArray(errors) && errors.length > 0) {
      const throttled = errors.some(
        (e) => (e as { extensions?: { code?: string } })?.extensions?.code === "THROTTLED",
      );
      const message = errors.map((e) => String((e as { message?: unknown })?.message)).join("; ");
      if (throttled) throw new ShopifyUnavailableError(`Shopify throttled: ${message}`, 200);
      throw new ShopifyGraphqlError(`GraphQL errors: ${message}`);
    }
    if (!data) throw new ShopifyGraphqlError("GraphQL answer without data");
    return data;
  }
}
