import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const fixturesRoot = fileURLToPath(new URL("../../../../fixtures/alma/", import.meta.url));

/** Parsed body of `fixtures/alma/<name>.json`, e.g. `loadFixture("payments/in-progress-3x")`. Fresh on each call. */
export function loadFixture(name: string): unknown {
  return JSON.parse(readFileSync(`${fixturesRoot}${name}.json`, "utf8"));
}

/** Same, for fixtures that are JSON objects a test wants to alter (drop a field, change a state). */
export function loadFixtureObject(name: string): Record<string, unknown> {
  const value = loadFixture(name);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`Fixture ${name} is not a JSON object`);
  }
  return { ...value };
}
