import { loadMasterKey } from "@alma-suite/core";
import type { ServerConfig } from "./load-config.ts";

/** The master key as the server loads it: `MASTER_KEY` (with `MASTER_KEY_PREVIOUS`), or the data folder's key file. */
export function configuredMasterKey(config: ServerConfig) {
  return loadMasterKey({
    encodedKey: config.masterKey,
    previousKeys: config.previousMasterKeys,
    dataDir: config.dataDir,
  });
}
