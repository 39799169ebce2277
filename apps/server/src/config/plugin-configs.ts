import { withoutBlankValues } from "@alma-suite/core";
import type { ServerPlugin } from "../plugins.ts";
import { ConfigError } from "./load-config.ts";

/**
 * Every plugin's settings, parsed from the same environment as the server's, before anything is
 * opened: a bad value stops the start with one line per variable, naming it and what it allows.
 */
export function loadPluginConfigs(
  plugins: readonly ServerPlugin[],
  env: Readonly<Record<string, string | undefined>>,
): Map<string, unknown> {
  const source = withoutBlankValues(env);
  const configs = new Map<string, unknown>();
  const lines: string[] = [];
  for (const plugin of plugins) {
    const parsed = plugin.configSchema.safeParse(source);
    if (parsed.success) configs.set(plugin.name, parsed.data);
    else
      for (const issue of parsed.error.issues)
        lines.push(`  ${issue.path.join(".") || plugin.name}: ${issue.message} (${plugin.name})`);
  }
  if (lines.length > 0) throw new ConfigError(`invalid configuration:\n${lines.join("\n")}`);
  return configs;
}
