import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { PostgresStorage } from "./postgres-storage.ts";
import type { SecretBox } from "./secret-box.ts";
import { SqliteStorage } from "./sqlite-storage.ts";
import type { Storage } from "./storage.ts";

export interface OpenStorageOptions {
  /** `postgres://…` selects PostgreSQL; absent selects the embedded SQLite file in `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
  secretBox: SecretBox;
  /** PostgreSQL only. */
  schema?: string;
  /** PostgreSQL only: connections in the pool (default 10). */
  poolSize?: number;
  clock?: () => number;
  /** SQLite only: see `SqliteStorageOptions.backgroundCheckpoints`. */
  backgroundCheckpoints?: boolean;
}

export const SQLITE_FILE_NAME = "alma-suite.db";

/** Chooses the backend from configuration. Does not migrate: the caller runs `migrate()` and reports it. */
export function openStorage(options: OpenStorageOptions): Storage {
  const { databaseUrl, secretBox, clock } = options;
  if (databaseUrl) {
    if (!/^postgres(ql)?:\/\//.test(databaseUrl)) {
      throw new RangeError("databaseUrl must be a postgres:// URL (omit it to use SQLite in dataDir)");
    }
    return new PostgresStorage({
      connectionString: databaseUrl,
      secretBox,
      schema: options.schema,
      poolSize: options.poolSize,
      clock,
    });
  }
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  return new SqliteStorage({
    path: join(options.dataDir, SQLITE_FILE_NAME),
    secretBox,
    clock,
    backgroundCheckpoints: options.backgroundCheckpoints,
  });
}
