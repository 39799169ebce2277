import { SecretBox } from "@alma-suite/core";
import { PostgresStorage, SqliteStorage, type Storage } from "@alma-suite/core/storage";

/** Where the bridge benchmark keeps its data, shared by the driver and its worker processes. */
export interface BenchDatabase {
  /** `postgres://…`, or a SQLite file path. */
  location: string;
  /** PostgreSQL schema created for this run (dropped at the end). */
  schema: string;
  /** Master key (hex) so every process can open the endpoint secret the driver sealed. */
  masterKey: string;
}

export function openBenchStorage(db: BenchDatabase, poolSize: number): Storage {
  const secretBox = SecretBox.fromEncodedKey(db.masterKey);
  if (db.location.startsWith("postgres")) {
    return new PostgresStorage({ connectionString: db.location, schema: db.schema, secretBox, poolSize });
  }
  return new SqliteStorage({ path: db.location, secretBox });
}
