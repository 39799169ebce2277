import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

/** Where the workspace's admin package builds the page, or undefined if the package is absent. */
export function workspaceAdminDist(): string | undefined {
  try {
    return join(dirname(createRequire(import.meta.url).resolve("@alma-suite/admin")), "..", "dist");
  } catch {
    return undefined;
  }
}

/**
 * The built settings page (`npm run build -w @alma-suite/admin`): the configured folder, else the
 * workspace's; undefined when it holds no page, so the route can say it was not built.
 */
export function findAdminDist(configured: string | undefined): string | undefined {
  const dir = configured ?? workspaceAdminDist();
  return dir && existsSync(join(dir, "index.html")) ? dir : undefined;
}
