import fc from "fast-check";
import { expect } from "vitest";
import type { RunningServer } from "../../../src/create-server.ts";
import { RUNS } from "./hostile-values.ts";
import { expectAlive } from "./refusal.ts";
import { rowCounts } from "./row-counts.ts";

/**
 * Runs a property (fast-check prints its seed when it fails, to replay it) and then checks that
 * not one row appeared or vanished in any table, jobs included, and that the server still answers.
 */
export async function expectWritesNothing<Ts extends [unknown, ...unknown[]]>(
  server: RunningServer,
  property: fc.IAsyncPropertyWithHooks<Ts>,
): Promise<void> {
  const before = await rowCounts(server.storage);
  await fc.assert(property, RUNS);
  expect(await rowCounts(server.storage)).toEqual(before);
  await expectAlive(server.url);
}
