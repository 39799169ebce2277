import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../../../fixtures/woocommerce/", import.meta.url));

/** `fixtures/woocommerce/<name>.json`. */
export function loadWooFixture<T = Record<string, unknown>>(name: string): T {
  return JSON.parse(readFileSync(`${root}${name}.json`, "utf8")) as T;
}

export interface WebhookFixture {
  description: string;
  headers: Record<string, string>;
  rawBody: string;
}
