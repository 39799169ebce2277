import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { writeZip } from "./zip-writer.ts";

const pluginDir = fileURLToPath(new URL("../wordpress-plugin/", import.meta.url));
export const DEFAULT_ZIP = fileURLToPath(new URL("../dist/alma-suite-woocommerce.zip", import.meta.url));
/** The folder WordPress unpacks the plugin into. */
export const ZIP_ROOT = "alma-suite-woocommerce";

/** The files that ship: everything but the tests and their stand-ins. */
export function pluginFiles(): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? (e.name === "tests" ? [] : walk(join(dir, e.name))) : [join(dir, e.name)],
    );
  return walk(pluginDir)
    .map((file) => relative(pluginDir, file).split("\\").join("/"))
    .sort();
}

/** Builds the installable zip (Plugins › Add New › Upload) and returns its path. */
export function buildWordpressZip(outFile = DEFAULT_ZIP): string {
  const entries = pluginFiles().map((file) => ({
    name: `${ZIP_ROOT}/${file}`,
    data: readFileSync(join(pluginDir, file)),
  }));
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, writeZip(entries));
  return outFile;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = buildWordpressZip(process.argv[2]);
  console.log(`wrote ${out} (${pluginFiles().length} files)`);
}
