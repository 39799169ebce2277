import { createRequire } from "node:module";

export interface PlatformInfo {
  name: string;
  version: string;
}

// Read at runtime rather than imported: core's tsconfig only includes src/, and a copied constant drifts.
const corePackage: unknown = createRequire(import.meta.url)("../../package.json");
export const almaSuiteVersion: string =
  typeof corePackage === "object" && corePackage !== null && "version" in corePackage
    ? String(corePackage.version)
    : "0.0.0";

/**
 * Alma's clients build the User-Agent from `Name/version` components joined by "; ", the most
 * specific integration first (e.g. `Alma for PrestaShop/4.13.0; PrestaShop/8.x; Alma for PHP/2.6.1;
 * PHP/8.2`), which lets Alma's support tell integrations apart in their logs.
 */
export function buildUserAgent(platform?: PlatformInfo): string {
  const components = [`alma-suite/${almaSuiteVersion}`];
  if (platform) components.push(`${platform.name}/${platform.version}`);
  components.push(`Node/${process.versions.node}`);
  return components.join("; ");
}
