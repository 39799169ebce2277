import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Router as createRouter, type Router } from "express";

const ENTRY = fileURLToPath(new URL("./browser/alma-eligibility.ts", import.meta.url));

/** The widget as one classic script (an IIFE, so `document.currentScript` works), built once. */
export async function bundleWidget(): Promise<string> {
  const result = await build({
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
}

/**
 * Mounted at `/widget`: `GET /alma-eligibility.js`. The TypeScript source is bundled with esbuild
 * at first request rather than committed as a build output, so the script never drifts from the
 * tested formatting module.
 */
export function widgetRouter(): Router {
  const router = createRouter();
  let bundle: Promise<string> | undefined;
  router.get("/alma-eligibility.js", async (_req, res, next) => {
    try {
      bundle ??= bundleWidget();
      const code = await bundle;
      res
        .type("application/javascript; charset=utf-8")
        .set("cache-control", "public, max-age=300")
        .set("cross-origin-resource-policy", "cross-origin")
        .send(code);
    } catch (error) {
      bundle = undefined;
      next(error);
    }
  });
  return router;
}
