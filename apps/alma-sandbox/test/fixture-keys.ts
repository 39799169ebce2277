import { readFileSync } from "node:fs";

const root = new URL("../../../fixtures/alma/", import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: fixtures are arbitrary JSON
export function loadAlmaFixture(name: string): any {
  return JSON.parse(readFileSync(new URL(`${name}.json`, root), "utf8"));
}

/** Keys of `expected` (a recorded Alma object) missing from `actual` (the sandbox's). */
export function missingKeys(expected: object, actual: object): string[] {
  return Object.keys(expected).filter((key) => !(key in actual));
}
