import type { Page } from "playwright-core";
import { expect } from "vitest";
import { horizontalOverflow, seriousA11yViolations } from "./page-checks.ts";

/** The page fits the screen and has no serious or critical accessibility fault. */
export async function expectReadable(page: Page): Promise<void> {
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await seriousA11yViolations(page)).toEqual([]);
}
