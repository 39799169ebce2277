import type { MigrationReport } from "../migrations/migration.ts";
import type { SecretBox } from "../secret-box.ts";
import type { Storage } from "../storage.ts";

/** What a shared battery needs from a backend: a migrated storage and raw SQL to inspect it. */
export interface StorageHarness {
  storage: Storage;
  /** The report of the first migration of this fresh database. */
  firstMigration: MigrationReport;
  /** Raw SQL beside the storage, with `$1` placeholders, to see what is really stored. */
  raw(sql: string, params?: (string | number | null)[]): Promise<Record<string, unknown>[]>;
  /** Another storage on the same database, as a second server instance has; closed by `cleanup`. */
  openAnother(): Promise<Storage>;
  cleanup(): Promise<void>;
}

export interface HarnessOptions {
  clock?: () => number;
  /** The encryption the storage uses (a fresh random key when absent). */
  secretBox?: SecretBox;
}

export type StorageHarnessFactory = (options?: HarnessOptions) => Promise<StorageHarness>;
