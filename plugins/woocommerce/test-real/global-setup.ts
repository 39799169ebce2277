import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildWordpressZip } from "../scripts/build-wordpress-zip.ts";
import { mariadbFromEnv } from "./support/mariadb.ts";
import { checkPrerequisites } from "./support/prerequisites.ts";
import { prepareTree } from "./support/wordpress-tree.ts";

declare module "vitest" {
  export interface ProvidedContext {
    wordpressTree: string;
    gatewayZip: string;
  }
}

/**
 * Once per run: check PHP and MariaDB, unpack the WordPress + WooCommerce tree, build our gateway's
 * zip with the build script. Missing anything fails the run with what is missing (nothing is skipped).
 */
export async function setup(project: TestProject): Promise<() => void> {
  await checkPrerequisites(mariadbFromEnv());
  const tree = prepareTree();
  const zipDir = mkdtempSync(join(tmpdir(), "alma-suite-gateway-zip-"));
  project.provide("wordpressTree", tree.dir);
  project.provide("gatewayZip", buildWordpressZip(join(zipDir, "alma-suite-woocommerce.zip")));
  return () => {
    tree.cleanup();
    rmSync(zipDir, { recursive: true, force: true });
  };
}
