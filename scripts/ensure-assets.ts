import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { ensureBuilt } from "../apps/admin/scripts/ensure-built.ts";
import { BUILT_WIDGET } from "../apps/eligibility-widget/src/built-widget.ts";
import { builtWidgetIsStale, bundleWidget } from "../apps/eligibility-widget/src/bundle-widget.ts";

/**
 * What the server serves as built files, checked in one process before each `npm start` (the root
 * `prestart`) and at install (`prepare`): the dashboard (Vite) and the eligibility widget (esbuild).
 * The warm path is a few file stats; Vite and esbuild are loaded only when something must be built.
 */
if (import.meta.main) {
  try {
    ensureBuilt();
    if (await builtWidgetIsStale()) {
      mkdirSync(dirname(BUILT_WIDGET), { recursive: true });
      writeFileSync(BUILT_WIDGET, await bundleWidget());
      process.stderr.write(`built ${BUILT_WIDGET}\n`);
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
