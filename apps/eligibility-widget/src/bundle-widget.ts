import { statSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { BUILT_WIDGET } from "./built-widget.ts";

const BROWSER_DIR = fileURLToPath(new URL("./browser/", import.meta.url));
const ENTRY = join(BROWSER_DIR, "alma-eligibility.ts");

/**
 * The widget as one classic script (an IIFE, so `document.currentScript` works), for the build
 * script only. esbuild is loaded here and its service stopped once done.
 */
export async function bundleWidget(): Promise<string> {
  const esbuild = await import("esbuild");
  try {
    const result = await esbuild.build({
      entryPoints: [ENTRY],
      bundle: true,
      format: "iife",
      target: ["es2020"],
      minify: true,
      write: false,
      legalComments: "none",
    });
    const [file] = result.outputFiles;
    if (!file) throw new Error("esbuild produced no widget bundle");
    return file.text;
  } finally {
    await esbuild.stop();
  }
}

/** Whether the built script is missing or older than a source of the widget. */
export async function builtWidgetIsStale(built = BUILT_WIDGET): Promise<boolean> {
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    return true;
  }
  const sources = await readdir(BROWSER_DIR);
  return sources.some((name) => statSync(join(BROWSER_DIR, name)).mtimeMs > builtAt);
}
