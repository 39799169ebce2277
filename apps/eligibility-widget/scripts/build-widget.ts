import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { BUILT_WIDGET } from "../src/built-widget.ts";
import { builtWidgetIsStale, bundleWidget } from "../src/bundle-widget.ts";

/** Builds dist/alma-eligibility.js when it is missing or older than its sources (root `prepare`, `prestart`). */
if (await builtWidgetIsStale()) {
  mkdirSync(dirname(BUILT_WIDGET), { recursive: true });
  writeFileSync(BUILT_WIDGET, await bundleWidget());
  process.stderr.write(`built ${BUILT_WIDGET}\n`);
}
