import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { backup, DatabaseSync } from "node:sqlite";
import { SQLITE_FILE_NAME } from "@alma-suite/core/storage";
import type { ServerConfig } from "../config/load-config.ts";
import { commandUsage } from "./cli-commands.ts";
import type { CliIo } from "./cli-io.ts";

/**
 * `alma-suite backup <file>`: SQLite's online backup of the embedded database, consistent while
 * the server runs (copying the file itself could catch it mid-write with its WAL elsewhere).
 * The master key is not in it: a backup opens only with the key it was sealed with.
 */
export async function backupCommand(
  config: ServerConfig,
  target: string | undefined,
  io: CliIo,
): Promise<number> {
  if (!target) return io.fail(commandUsage("backup"));
  if (config.databaseUrl)
    return io.fail("DATABASE_URL is PostgreSQL: back it up with pg_dump -Fc (docs/deploy.md, backups)");
  const source = join(config.dataDir, SQLITE_FILE_NAME);
  if (!existsSync(source)) return io.fail(`no database at ${source}`);
  const file = resolve(target);
  if (existsSync(file)) return io.fail(`${file} already exists: a backup never overwrites a file`);
  const db = new DatabaseSync(source, { readOnly: true });
  try {
    const pages = await backup(db, file);
    io.out(`backed up ${source} to ${file} (${pages} pages)`);
    io.out(
      `  it opens only with this deployment's master key (${config.masterKey ? "MASTER_KEY" : join(config.dataDir, "master.key")}): keep a copy of the key apart from the backup`,
    );
    return 0;
  } finally {
    db.close();
  }
}
