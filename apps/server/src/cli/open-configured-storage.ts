import { loadMasterKey } from "@alma-suite/core";
import { openStorage, type Storage } from "@alma-suite/core/storage";
import type { ServerConfig } from "../config/load-config.ts";

/** The storage the server would use, for CLI commands that work on it directly. */
export async function openConfiguredStorage(config: ServerConfig): Promise<Storage> {
  const { box } = loadMasterKey({
    encodedKey: config.masterKey,
    previousKeys: config.previousMasterKeys,
    dataDir: config.dataDir,
  });
  return openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, secretBox: box });
}
