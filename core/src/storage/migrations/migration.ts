/** One schema step. Versions are applied in ascending order and recorded in `schema_migrations`. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationReport {
  applied: { version: number; name: string }[];
  /** Highest version present after the run. */
  currentVersion: number;
}

/** Fails fast on a hand-edited list: duplicated or unordered versions would corrupt the history. */
export function assertOrdered(migrations: readonly Migration[]): void {
  let previous = 0;
  for (const migration of migrations) {
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`migration ${migration.version} (${migration.name}) is out of order`);
    }
    previous = migration.version;
  }
}

export function pendingMigrations(
  migrations: readonly Migration[],
  appliedVersions: ReadonlySet<number>,
): Migration[] {
  assertOrdered(migrations);
  return migrations.filter((migration) => !appliedVersions.has(migration.version));
}
