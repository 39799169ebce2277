import { createRequire } from "node:module";
import type wooRestApiModule from "@woocommerce/woocommerce-rest-api";
import type { RealStore } from "./real-store.ts";

// Babel-built CommonJS with `exports.default` (see src/woo/woo-client.ts).
const WooCommerceRestApi = (
  createRequire(import.meta.url)("@woocommerce/woocommerce-rest-api") as typeof wooRestApiModule
).default;

/** Reads and writes the store the way any REST client does (the official library, OAuth 1.0a over http). */
export interface StoreApi {
  get<T = Record<string, unknown>>(path: string, params?: object): Promise<T>;
  post<T = Record<string, unknown>>(path: string, data: object): Promise<T>;
  put<T = Record<string, unknown>>(path: string, data: object): Promise<T>;
}

export function storeApi(store: RealStore): StoreApi {
  const api = new WooCommerceRestApi({
    url: store.url,
    consumerKey: store.keys.consumerKey,
    consumerSecret: store.keys.consumerSecret,
    version: "wc/v3",
  });
  const unwrap = async <T>(call: Promise<{ data: unknown }>): Promise<T> => {
    try {
      return (await call).data as T;
    } catch (error) {
      const data = (error as { response?: { status: number; data: unknown } }).response;
      throw new Error(`WooCommerce answered ${data?.status}: ${JSON.stringify(data?.data)}`);
    }
  };
  return {
    get: (path, params) => unwrap(api.get(path, params)),
    post: (path, data) => unwrap(api.post(path, data)),
    put: (path, data) => unwrap(api.put(path, data)),
  };
}
