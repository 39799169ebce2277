// `@alma-suite/alma-sandbox/testing/browser`: what browser tests share (Chromium, the screen sizes,
// the overflow and accessibility checks). Apart from `./testing` so that the benchmarks and other
// processes that provision sandbox merchants load neither Playwright nor vitest.
export { CHROMIUM_ARGS, launchChromium } from "./chromium.ts";
export { expectReadable } from "./expect-readable.ts";
export { horizontalOverflow, openPage, seriousA11yViolations, VIEWPORTS } from "./page-checks.ts";
