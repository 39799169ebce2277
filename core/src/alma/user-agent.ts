import corePackage from "../../package.json" with { type: "json" };

export interface PlatformInfo {
  name: string;
  version: string;
}

export const almaSuiteVersion: string = corePackage.version;

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
