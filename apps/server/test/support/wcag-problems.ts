import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

/**
 * axe-core's serious and critical WCAG 2 A/AA findings on the page as it is now, one line each
 * (the admin app's pages: the dashboard and Shopify's settings page). The hosted payment pages,
 * whose CSP allows no injected script, use the sandbox's `seriousA11yViolations` instead.
 */
export async function wcagProblems(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.id}: ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(" | ")}`,
    );
}

/** How much wider than the window the page is (0: it never scrolls sideways). */
export const sidewaysScroll = (page: Page): Promise<number> =>
  page.evaluate<number>("document.documentElement.scrollWidth - document.documentElement.clientWidth");
