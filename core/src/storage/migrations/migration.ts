import type { SqlDialect } from "../storage.ts";

/** One schema step. Versions are applied in ascending order and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * One schema step of a plugin's own tables, recorded under the plugin's name in
 * `plugin_migrations`. Never edit an applied step: append a new version.
 */
export interface PluginMigration {
  version: number;
  name: string;
  /** One statement each, for the database at hand. */
  statements(dialect: SqlDialect): string[];
}

/** A plugin's schema history, applied by the same runner as core's, after core's. */
export interface PluginMigrations {
  /** The namespace its versions are recorded under: the plugin's name. */
  plugin: string;
  migrations: readonly PluginMigration[];
  /**
   * A history table the plugin kept before plugins shared one runner: its rows are taken over
   * (and the table dropped) the first time, so versions applied then are not applied again.
   */
  adoptsHistoryFrom?: string;
}

export interface MigrationReport {
  /** `plugin` is set on a plugin's own steps. */
  applied: { version: number; name: string; plugin?: string }[];
  /** Highest core version present after the run. */
  currentVersion: number;
}

/** Fails fast on a hand-edited list: duplicated or unordered versions would corrupt the history. */
export function assertOrdered(migrations: readonly { version: number; name: string }[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`migration ${migration.version} (${migration.name}) is out of order`);
    }
    previous = migration.version;
  }
}

export function pendingMigrations<T extends { version: number; name: string }>(
  migrations: readonly T[],
  appliedVersions: ReadonlySet<number>,
): T[] {
  assertOrdered(migrations);
  return migrations.filter((migration) => !appliedVersions.has(migration.version));
}
