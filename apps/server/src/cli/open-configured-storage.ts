import type { SecretBox } from "@alma-suite/core";
import { openStorage, type Storage } from "@alma-suite/core/storage";
import { configuredMasterKey } from "../config/configured-master-key.ts";
import type { ServerConfig } from "../config/load-config.ts";

/**
 * The storage the server would use, for CLI commands that work on it directly; `secretBox`
 * replaces the configured key (a key rotation seals with the next one).
 */
export async function openConfiguredStorage(config: ServerConfig, secretBox?: SecretBox): Promise<Storage> {
  return openStorage({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    secretBox: secretBox ?? configuredMasterKey(config).box,
  });
}
