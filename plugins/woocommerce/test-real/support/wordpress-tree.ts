import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../../../../", import.meta.url));
/** Where CI keeps the offline copy, beside the clone. */
export const DEFAULT_TARBALL = resolve(REPO, "../shared/platforms/wordpress-6.8.3+woocommerce-10.2.4.tar.xz");

/**
 * The WordPress + WooCommerce tree the suite installs sites from: `WOOCOMMERCE_TREE` names either
 * a folder (WordPress's root, with WooCommerce in wp-content/plugins/woocommerce) or a `.tar.xz`
 * / `.tar.gz` holding a `wordpress/` folder; unset, the shared tarball beside the clone.
 * A tarball is unpacked into a temporary folder, removed by `cleanup`.
 */
export function prepareTree(env: NodeJS.ProcessEnv = process.env): { dir: string; cleanup(): void } {
  const configured = env.WOOCOMMERCE_TREE;
  const source = configured ? resolve(configured) : DEFAULT_TARBALL;
  if (!existsSync(source)) {
    throw new Error(
      configured
        ? `WOOCOMMERCE_TREE=${configured}: no such file or folder`
        : `no WordPress + WooCommerce tree: set WOOCOMMERCE_TREE to a WordPress folder with WooCommerce in wp-content/plugins (or to a .tar.xz of one); the default ${DEFAULT_TARBALL} does not exist`,
    );
  }
  if (statSync(source).isDirectory()) {
    const dir = existsSync(join(source, "wp-load.php")) ? source : join(source, "wordpress");
    checkTree(dir, source);
    return { dir, cleanup() {} };
  }
  const out = mkdtempSync(join(tmpdir(), "alma-suite-wp-tree-"));
  try {
    execFileSync("tar", ["-xf", source, "-C", out], { stdio: ["ignore", "ignore", "pipe"] });
    const dir = join(out, "wordpress");
    checkTree(dir, source);
    return { dir, cleanup: () => rmSync(out, { recursive: true, force: true }) };
  } catch (error) {
    rmSync(out, { recursive: true, force: true });
    throw error;
  }
}

function checkTree(dir: string, source: string): void {
  if (!existsSync(join(dir, "wp-load.php")))
    throw new Error(`${source} holds no WordPress (no wp-load.php in ${dir})`);
  if (!existsSync(join(dir, "wp-content", "plugins", "woocommerce", "woocommerce.php")))
    throw new Error(
      `${source} holds WordPress without WooCommerce (no wp-content/plugins/woocommerce/woocommerce.php)`,
    );
}
