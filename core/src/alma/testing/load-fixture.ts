import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const fixturesRoot = fileURLToPath(new URL("../../../../fixtures/alma/", import.meta.url));

/**
 * Parsed body of `fixtures/alma/<name>.json`, e.g. `loadFixture("payments/in-progress-3x")`. Fresh
 * on each call. A top-level `_source` (which reference the fixture follows) is not part of Alma's
 * body and is dropped.
 */
export function loadFixture(name: string): unknown {
  const body: unknown = JSON.parse(readFileSync(`${fixturesRoot}${name}.json`, "utf8"));
  if (typeof body === "object" && body !== null && !Array.isArray(body) && "_source" in body) {
    const { _source, ...rest } = body as Record<string, unknown>;
    return rest;
  }
  return body;
}

/** Same, for fixtures that are JSON objects a test wants to alter (drop a field, change a state). */
export function loadFixtureObject(name: string): Record<string, unknown> {
  const value = loadFixture(name);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new TypeError(`Fixture ${name} is not a JSON object`);
  }
  return { ...value };
}
