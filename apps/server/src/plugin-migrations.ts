import type { PluginMigrations } from "@alma-suite/core/storage";
import type { ServerPlugin } from "./plugins.ts";

/** The plugins' schema histories, for core's runner to apply after its own. */
export function pluginMigrations(plugins: readonly ServerPlugin[]): PluginMigrations[] {
  return plugins.flatMap((plugin) =>
    plugin.migrations
      ? [
          {
            plugin: plugin.name,
            migrations: plugin.migrations,
            ...(plugin.adoptsHistoryFrom ? { adoptsHistoryFrom: plugin.adoptsHistoryFrom } : {}),
          },
        ]
      : [],
  );
}
