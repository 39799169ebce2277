import type { PluginMigrations, Storage } from "@alma-suite/core/storage";
import { type BridgeMigration, bridgeMigrations } from "./bridge-migrations.ts";

export interface BridgeMigrationReport {
  applied: { version: number; name: string }[];
}

/**
 * The bridge's schema history as core's runner applies it: recorded under the plugin's name in
 * `plugin_migrations`. Databases from before the shared runner kept it in
 * `bridge_schema_migrations`, which is taken over on the first run.
 */
export function bridgeMigrationSet(
  migrations: readonly BridgeMigration[] = bridgeMigrations,
): PluginMigrations {
  return { plugin: "bridge", migrations, adoptsHistoryFrom: "bridge_schema_migrations" };
}

/**
 * Applies the bridge's pending migrations (and core's, should any be missing) in one transaction
 * with core's runner: SQLite's BEGIN IMMEDIATE, and on PostgreSQL an advisory lock, keep a second
 * instance starting at the same moment out until this one is done. The server migrates every
 * plugin before creating it; this is for the bridge used on its own.
 */
export async function migrateBridge(
  storage: Storage,
  migrations: readonly BridgeMigration[] = bridgeMigrations,
): Promise<BridgeMigrationReport> {
  const report = await storage.migrate({ plugins: [bridgeMigrationSet(migrations)] });
  return {
    applied: report.applied
      .filter((m) => m.plugin === "bridge")
      .map(({ version, name }) => ({ version, name })),
  };
}
