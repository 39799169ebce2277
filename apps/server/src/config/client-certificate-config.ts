import { isAddressOrRange } from "@alma-suite/core";
import type { ServerPlugin } from "../plugins.ts";
import { ConfigError, type ServerConfig } from "./load-config.ts";

/**
 * How one plugin's client-certificate paths (mTLS) are guarded, from what the plugin declares
 * (`clientCertificates`, read from its own settings) and the server's own: its TLS, and whether
 * it runs against a real Alma account. The certificate is the only proof such a request comes from
 * the platform. Either this server terminates TLS and checks it against the plugin's CA, or a
 * reverse proxy does and passes its verdict in a header trusted only from the proxy's addresses.
 */
export interface ClientCertificateConfig {
  plugin: string;
  /** Who presents the certificate ("a platform's name"), in the banner, the log and the 403. */
  holder: string;
  /** The CA checked by this server's TLS; only set where the server terminates TLS. */
  caFile: string | undefined;
  /** Addresses (IPs or CIDR ranges) of the proxies whose verdict header is believed. */
  proxyAddresses: string[];
  /** The header a trusted proxy sets to `SUCCESS` for a verified certificate (nginx's `$ssl_client_verify`). */
  proxyHeader: string;
  /**
   * Production: the plugin's settings are a real deployment's and the server has a real Alma
   * account (not the sandbox). There, and wherever a check is configured, the paths need a
   * verified certificate; in development they answer without one and the start banner says so.
   */
  production: boolean;
  required: boolean;
  /** The plugin's variables, for the messages that say what to set. */
  settings: { ca: string; proxyAddresses: string };
}

/**
 * The guard settings of every plugin with client-certificate paths; a setting that cannot work
 * stops the start with a ConfigError naming it. This server's TLS checks one CA: two plugins each
 * wanting theirs checked here are refused (a proxy can check each platform's instead).
 */
export function clientCertificateConfigs(
  config: Pick<ServerConfig, "tls" | "alma">,
  plugins: readonly ServerPlugin[],
  pluginConfigs: ReadonlyMap<string, unknown>,
): ClientCertificateConfig[] {
  const configs: ClientCertificateConfig[] = [];
  for (const plugin of plugins) {
    if (!plugin.clientCertificatePaths?.length) continue;
    if (!plugin.clientCertificates)
      throw new ConfigError(
        `plugin ${plugin.name}: clientCertificatePaths without clientCertificates (how they are checked)`,
      );
    const declared = plugin.clientCertificates(pluginConfigs.get(plugin.name));
    const problem = (line: string) => new ConfigError(`invalid configuration:\n  ${line} (${plugin.name})`);
    if (declared.ca && !config.tls)
      throw problem(
        `${declared.settings.ca}: only with TLS_CERT and TLS_KEY (behind a proxy, the proxy checks the certificate)`,
      );
    if (!declared.proxyAddresses.every(isAddressOrRange))
      throw problem(
        `${declared.settings.proxyAddresses}: must be IP addresses or CIDR ranges, comma-separated`,
      );
    const proxyHeader = declared.proxyHeader ?? "X-SSL-Client-Verify";
    if (!/^[A-Za-z0-9-]+$/.test(proxyHeader)) throw problem(`${proxyHeader}: must be a header name`);
    const production = declared.requiredInProduction && config.alma.mode !== "sandbox";
    const proxyAddresses = [...declared.proxyAddresses];
    configs.push({
      plugin: plugin.name,
      holder: declared.holder,
      caFile: declared.ca,
      proxyAddresses,
      proxyHeader,
      production,
      required: production || Boolean(declared.ca) || proxyAddresses.length > 0,
      settings: declared.settings,
    });
  }
  const checkedHere = configs.filter((c) => c.caFile);
  if (checkedHere.length > 1)
    throw new ConfigError(
      `invalid configuration:\n  ${checkedHere.map((c) => c.settings.ca).join(", ")}: this server's TLS checks one platform's client CA; put a proxy in front for the others`,
    );
  return configs;
}
