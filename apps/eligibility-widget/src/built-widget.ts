import { fileURLToPath } from "node:url";

/**
 * The widget's script, bundled by `scripts/build-widget.ts` at install (the root `prepare`) and
 * before each start (`prestart`). The server only reads it: esbuild is a build tool, and loading
 * it in the running server would cost memory for a file that never changes while it runs.
 */
export const BUILT_WIDGET = fileURLToPath(new URL("../dist/alma-eligibility.js", import.meta.url));
