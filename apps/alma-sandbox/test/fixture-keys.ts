import { readFileSync } from "node:fs";

const root = new URL("../../../fixtures/alma/", import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: fixtures are arbitrary JSON
export function loadAlmaFixture(name: string): any {
  const body = JSON.parse(readFileSync(new URL(`${name}.json`, root), "utf8"));
  // `_source` says which reference a fixture follows; it is not part of Alma's body.
  if (body && typeof body === "object" && !Array.isArray(body)) delete body._source;
  return body;
}

/** Keys of `expected` (a recorded Alma object) missing from `actual` (the sandbox's). */
export function missingKeys(expected: object, actual: object): string[] {
  return Object.keys(expected).filter((key) => !(key in actual));
}
