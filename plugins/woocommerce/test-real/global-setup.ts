import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildWordpressZip } from "../scripts/build-wordpress-zip.ts";
import { prepareTree } from "./support/wordpress-tree.ts";

declare module "vitest" {
  export interface ProvidedContext {
    wordpressTree: string;
    gatewayZip: string;
  }
}

/**
 * Once per run: unpack the WordPress + WooCommerce tree, build our gateway's zip with the build
 * script. PHP, unzip and MariaDB were checked (and, as root with apt-get, installed and started) by
 * the workspace's `pretest:real` (apps/server/scripts/check-prerequisites.ts); a missing tree fails
 * the run saying where it was looked for (nothing is skipped).
 */
export function setup(project: TestProject): () => void {
  const tree = prepareTree();
  const zipDir = mkdtempSync(join(tmpdir(), "alma-suite-gateway-zip-"));
  project.provide("wordpressTree", tree.dir);
  project.provide("gatewayZip", buildWordpressZip(join(zipDir, "alma-suite-woocommerce.zip")));
  return () => {
    tree.cleanup();
    rmSync(zipDir, { recursive: true, force: true });
  };
}
